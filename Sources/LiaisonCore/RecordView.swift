/// A record as users and clients see it: the same on every node that has seen the same
/// writes (nothing node-local is in it).
///
/// JSON: `{"conflicts": {name: [{"at","author","replica","time_out_of_range","value"}...]},
/// "deleted", "fields": {name: display value}, "id", "version"}`.
public struct RecordView: Hashable, Sendable {
    /// One value of a field in conflict.
    public struct ConflictValue: Hashable, Sendable {
        /// The value.
        public let value: FieldValue
        /// The replica where it was written.
        public let replica: String
        /// Who wrote it.
        public let author: String
        /// When, as ISO 8601 UTC.
        public let at: String
        /// Whether `at` lies outside the range every office accepts (``WriteMeta/isTimeOutOfRange``):
        /// shown marked, as the history marks it.
        public let timeOutOfRange: Bool
    }

    /// The record id.
    public let id: String
    /// The version token (the record's whole context).
    public let version: VersionToken
    /// Whether the record shows as deleted.
    public let deleted: Bool
    /// The display value of each field.
    public let fields: [String: FieldValue]
    /// Fields in conflict with every value, the displayed one first. An edit concurrent
    /// with a delete shows as a conflict on `deleted`.
    public let conflicts: [String: [ConflictValue]]

    /// The view of a state.
    public init(_ state: RecordState) {
        id = state.id
        version = state.version
        deleted = state.isDeleted
        fields = state.displayValues
        var conflicts: [String: [ConflictValue]] = [:]
        for name in state.conflictedFields {
            conflicts[name] = state.entries(of: name).map {
                ConflictValue(
                    value: $0.value,
                    replica: $0.dot.replica,
                    author: $0.meta.author,
                    at: Timestamp.iso($0.meta.at),
                    timeOutOfRange: $0.meta.isTimeOutOfRange
                )
            }
        }
        self.conflicts = conflicts
    }

    /// Whether any field is in conflict.
    public var isConflicted: Bool { !conflicts.isEmpty }

    /// The view as JSON with sorted keys; a conflict's value has `time_out_of_range` true when
    /// its `at` lies outside the range every office accepts, as a history entry has.
    public var json: String {
        var writer = JSONWriter()
        write(to: &writer)
        return writer.output
    }

    /// Appends the view's JSON to `writer`.
    public func write(to writer: inout JSONWriter) {
        writer.raw("{\"conflicts\":")
        writer.object(conflicts.sorted { $0.key < $1.key }) { writer, values in
            writer.array(values) { writer, conflict in
                writer.raw("{\"at\":")
                writer.string(conflict.at)
                writer.raw(",\"author\":")
                writer.string(conflict.author)
                writer.raw(",\"replica\":")
                writer.string(conflict.replica)
                writer.raw(",\"time_out_of_range\":\(conflict.timeOutOfRange),\"value\":")
                writer.value(conflict.value)
                writer.raw("}")
            }
        }
        writer.raw(",\"deleted\":\(deleted),\"fields\":")
        writer.object(fields.sorted { $0.key < $1.key }) { $0.value($1) }
        writer.raw(",\"id\":")
        writer.string(id)
        writer.raw(",\"version\":")
        writer.string(version.description)
        writer.raw("}")
    }
}
