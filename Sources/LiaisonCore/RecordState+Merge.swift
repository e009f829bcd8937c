/// Why two states of one record cannot be merged.
public struct MergeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The record concerned.
    public let recordID: String
    /// What is wrong.
    public let problem: String

    public var description: String { "record \(recordID): \(problem)" }
}

extension RecordState {
    /// The causal join of two states of one record (docs/design.md §4), per field:
    /// `(E1 ∩ E2) ∪ {e ∈ E1 : e.dot ∉ c2} ∪ {e ∈ E2 : e.dot ∉ c1}`, context `c1 ⊔ c2`.
    ///
    /// Commutative, associative and idempotent.
    /// - Throws: ``MergeError`` when the ids differ, or one dot carries two different values
    ///   or two different authors/times (corrupt input).
    public func merged(with other: RecordState) throws(MergeError) -> RecordState {
        guard id == other.id else {
            throw MergeError(recordID: id, problem: "cannot merge with a state of record \(other.id)")
        }
        var metas = writes
        for (dot, meta) in other.writes {
            if let mine = metas[dot], mine != meta {
                throw MergeError(recordID: id, problem: "write \(dot) has two different authors or times")
            }
            metas[dot] = meta
        }
        var result: [String: [Dot: FieldValue]] = [:]
        for name in Set(fields.keys).union(other.fields.keys) {
            let mine = fields[name] ?? [:]
            let theirs = other.fields[name] ?? [:]
            var entries: [Dot: FieldValue] = [:]
            for (dot, value) in mine {
                if let their = theirs[dot] {
                    guard their == value else {
                        throw MergeError(recordID: id, problem: "write \(dot) has two different values for \(name)")
                    }
                    entries[dot] = value
                } else if !other.context.contains(dot) {
                    entries[dot] = value
                }
            }
            for (dot, value) in theirs where mine[dot] == nil && !context.contains(dot) {
                entries[dot] = value
            }
            if !entries.isEmpty { result[name] = entries }
        }
        return RecordState(id: id, context: context.joined(with: other.context), fields: result, writes: metas)
    }
}
