/// The reserved field that marks a record deleted (`true`) or existing (`false`).
public let deletedField = "deleted"

extension RecordState {
    /// Applies a local write at `replica` (docs/design.md §4).
    ///
    /// The write takes dot `(replica, context[replica] + 1)`. Each written field gets the new
    /// entry plus the stored entries whose dots are not in `readContext`: writes the writer
    /// never saw stay, as a conflict. Fields not written are untouched.
    ///
    /// Unless `values` sets ``deletedField`` itself, the write also writes `deleted = false`,
    /// except where `deleted` is in conflict in this state: then it leaves `deleted` alone, so
    /// that only a write that names it (a resolution) settles a delete conflict
    /// (``valuesWritten(by:)``).
    ///
    /// ```swift
    /// var state = RecordState(id: id)
    /// state.write(["title": .text("Lithium refinery JV")], readContext: .empty,
    ///             replica: "mumbai.k3f9q2", meta: WriteMeta(author: "asha", at: now))
    /// ```
    /// - Returns: the new write's dot.
    /// - Throws: ``WriteError`` when `replica`'s counter for this record is at
    ///   ``IntakeLimits/maxCounter`` (only a corrupt state gets there); the state is unchanged.
    @discardableResult
    public mutating func write(
        _ values: [String: FieldValue],
        readContext: VersionVector,
        replica: String,
        meta: WriteMeta
    ) throws(WriteError) -> Dot {
        guard canWrite(at: replica) else {
            throw WriteError(recordID: id, problem: "no further write can be made at \(replica): its counter for this record is at the limit")
        }
        let values = valuesWritten(by: values)
        let dot = Dot(replica: replica, counter: context[replica] + 1)
        for (name, value) in values {
            var entries = (fields[name] ?? [:]).filter { !readContext.contains($0.key) }
            entries[dot] = value
            fields[name] = entries
        }
        context.add(dot)
        writes[dot] = meta
        pruneWrites()
        return dot
    }

    /// The fields a write of `values` writes to this state: `values`, plus `deleted = false`
    /// when they do not set ``deletedField`` and `deleted` is not in conflict here. An edit
    /// concurrent with a delete it never saw still makes a conflict on `deleted`; an edit made
    /// after the conflict arrived keeps it open, whatever its read context covers.
    func valuesWritten(by values: [String: FieldValue]) -> [String: FieldValue] {
        guard values[deletedField] == nil, !isConflicted(deletedField) else { return values }
        var values = values
        values[deletedField] = .bool(false)
        return values
    }

    /// Whether a writer who read `read` saw this record deleted: it shows as deleted and `read`
    /// covers every write of `deleted = true` it holds. An edit from that writer is refused; one
    /// that did not see the delete is made, and is a conflict on `deleted`.
    public func isDeleted(asSeenAt read: VersionVector) -> Bool {
        isDeleted && entries(of: deletedField).allSatisfy { read.contains($0.dot) }
    }

    /// Deletes the record: a write of `deleted = true` against `readContext`.
    @discardableResult
    public mutating func delete(readContext: VersionVector, replica: String, meta: WriteMeta) throws(WriteError) -> Dot {
        try write([deletedField: .bool(true)], readContext: readContext, replica: replica, meta: meta)
    }

    /// Settles fields: a write whose read context is the whole current context, so it covers
    /// every entry and every node that merges it settles the same way. Unless `values` sets
    /// ``deletedField``, it writes `deleted = false` too: a resolution restores the record, even
    /// where the delete is in conflict (``resolution(_:)``).
    @discardableResult
    public mutating func resolve(_ values: [String: FieldValue], replica: String, meta: WriteMeta) throws(WriteError) -> Dot {
        try write(Self.resolution(values), readContext: context, replica: replica, meta: meta)
    }

    /// The values a resolution of `values` writes: `values`, with `deleted = false` unless they
    /// set ``deletedField``.
    static func resolution(_ values: [String: FieldValue]) -> [String: FieldValue] {
        var values = values
        if values[deletedField] == nil { values[deletedField] = .bool(false) }
        return values
    }
}

/// A write that cannot be made to a record as it stands.
public struct WriteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The record concerned.
    public let recordID: String
    /// Why the write cannot be made.
    public let problem: String

    public var description: String { "record \(recordID): \(problem)" }
}
