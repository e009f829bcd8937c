/// The limits on everything a node accepts from outside: pulled pages, pushed batches, bundles,
/// API bodies and web forms (docs/design.md, "Intake"). No honest writer comes near them; a
/// state that breaks one is quarantined, never stored.
public enum IntakeLimits {
    /// The largest write counter: counters stay below 2^53, so arithmetic on them never traps
    /// and every JSON reader keeps them exact.
    public static let maxCounter: UInt64 = (1 << 53) - 1
    /// The most replicas a record's context (or a version token) may name.
    public static let maxReplicas = 1_000
    /// The longest author name, in characters.
    public static let maxAuthorLength = 200
    /// The earliest `at` of a write: 2000-01-01T00:00:00Z, in milliseconds since 1970.
    public static let earliestAt: Int64 = 946_684_800_000
    /// The end of the range of `at` (exclusive): 2100-01-01T00:00:00Z.
    public static let latestAt: Int64 = 4_102_444_800_000
    /// The range of a write's `at`, ``earliestAt`` up to ``latestAt``, as messages name it.
    public static let writeTimeRange = "2000-01-01..2100-01-01"

    /// Whether `at` (milliseconds since 1970) is within the range of a write's time:
    /// from ``earliestAt`` up to, not including, ``latestAt``.
    public static func isWriteTime(_ at: Int64) -> Bool {
        (earliestAt..<latestAt).contains(at)
    }
    /// The largest encoded state of one record that a write made at this node may leave, in
    /// bytes: a write that would make it larger is refused ("resolve its conflicts first"). So
    /// each office's own live entries of a record stay within it.
    public static let maxLocalStateBytes = 256 * 1024
    /// The largest encoded state of one record this node takes from outside (a pulled page, a
    /// pushed batch, a bundle) or makes by merging, in bytes: 2 MiB. Concurrent writes at
    /// several offices, each within ``maxLocalStateBytes``, merge into one state that holds
    /// them all, as a conflict, and that state may be larger than any of them: eight offices'
    /// states at the local limit fit in it, so honest writes never reach it.
    public static let maxIntakeStateBytes = 8 * maxLocalStateBytes
    /// How many bytes of a quarantined state are kept for an admin to look at.
    public static let maxQuarantinedBytes = 64 * 1024
    /// How many quarantine entries one source (a peer token that pushes, a configured peer
    /// pulled from, a bundle file) may hold, whatever replica ids its batches claim; past this,
    /// or ``maxQuarantinedBytesPerSource``, a refused state is counted, not kept.
    public static let maxQuarantinedPerSource = 1_000
    /// How many bytes of quarantined states one source may hold.
    public static let maxQuarantinedBytesPerSource = 16 * 1024 * 1024
}

extension RecordState {
    /// Checks the state against ``IntakeLimits`` (its values are checked by the schema, see
    /// ``Schema/checkState(_:)``).
    /// - Throws: ``StateDecodingError`` naming the record and the limit it breaks.
    public func checkLimits() throws(StateDecodingError) {
        func fail(_ problem: String) -> StateDecodingError { StateDecodingError(recordID: id, problem: problem) }
        guard context.counters.count <= IntakeLimits.maxReplicas else {
            throw fail("context names \(context.counters.count) replicas, more than the limit of \(IntakeLimits.maxReplicas)")
        }
        for (replica, counter) in context.counters where counter > IntakeLimits.maxCounter {
            throw fail("context counter \(counter) for \(replica) is over the limit of \(IntakeLimits.maxCounter)")
        }
        for (dot, meta) in writes {
            if let problem = Self.checkAuthor(meta.author) { throw fail("write \(dot): author \(problem)") }
            guard IntakeLimits.isWriteTime(meta.at) else {
                throw fail("write \(dot): time \(meta.at) is outside \(IntakeLimits.writeTimeRange)")
            }
        }
    }

    /// What is wrong with an author name, or nil: at most ``IntakeLimits/maxAuthorLength``
    /// characters and no control characters.
    public static func checkAuthor(_ author: String) -> String? {
        if author.utf8.count > IntakeLimits.maxAuthorLength, author.count > IntakeLimits.maxAuthorLength {
            return "is longer than \(IntakeLimits.maxAuthorLength) characters"
        }
        if author.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "contains a control character"
        }
        return nil
    }

    /// Whether another write can be made at `replica`: its counter must stay within
    /// ``IntakeLimits/maxCounter``.
    public func canWrite(at replica: String) -> Bool {
        context[replica] < IntakeLimits.maxCounter
    }
}
