public import Foundation

extension WriteEvent {
    /// The canonical JSON of the event: equal events are equal bytes, keys sorted.
    ///
    /// `{"at":…,"author":"asha","fields":{"status":"contacted"},"id":"…","n":3,
    /// "read":{"mumbai.k3f9q2":2},"reconstructed":false,"replica":"mumbai.k3f9q2"}`
    public var canonicalJSON: String {
        var writer = JSONWriter()
        write(to: &writer)
        return writer.output
    }

    /// Appends the canonical JSON of the event to `writer`.
    public func write(to writer: inout JSONWriter) {
        writer.raw("{\"at\":")
        writer.integer(meta.at)
        writer.raw(",\"author\":")
        writer.string(meta.author)
        writer.raw(",\"fields\":")
        writer.object(values.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }) { $0.value($1) }
        writer.raw(",\"id\":")
        writer.string(recordID)
        writer.raw(",\"n\":")
        writer.integer(dot.counter)
        writer.raw(",\"read\":")
        writer.object(readContext.sorted.map { ($0.replica, $0.counter) }) { $0.integer($1) }
        writer.raw(",\"reconstructed\":")
        writer.raw(reconstructed ? "true" : "false")
        writer.raw(",\"replica\":")
        writer.string(dot.replica)
        writer.raw("}")
    }

    /// Decodes and checks an event from its JSON (strict, as states are read: no `JSONDecoder`).
    /// - Throws: ``StateDecodingError`` naming the record (when known) and the problem.
    public init(json: Data) throws(StateDecodingError) {
        try self.init(json: json, checkingTime: true)
    }

    /// Decodes an event this node already holds in its log: checked as ``init(json:)`` checks
    /// one, except for its time. A write made here under a wrong clock before release
    /// 2026.12.04.3 refused such writes carries a time outside ``IntakeLimits/writeTimeRange``;
    /// peers refuse it, but its record's history here must still show it
    /// (``isTimeOutOfRange``).
    /// - Throws: ``StateDecodingError`` naming the record (when known) and the problem.
    public init(storedJSON json: Data) throws(StateDecodingError) {
        try self.init(json: json, checkingTime: false)
    }

    private init(json: Data, checkingTime: Bool) throws(StateDecodingError) {
        let result: Result<WriteEvent, StateDecodingError> = json.withUnsafeBytes { bytes in
            guard bytes.count > 0 else {
                return .failure(StateDecodingError(recordID: nil, problem: "malformed event JSON: at top level: the input is empty"))
            }
            var reader = StateJSONReader(bytes)
            do throws(StateReadError) {
                let event = try reader.readWriteEvent(checkingTime: checkingTime)
                do throws(JSONSyntaxError) {
                    try reader.expectEnd()
                } catch {
                    return .failure(StateDecodingError(recordID: nil, problem: "malformed event JSON: \(error.text)"))
                }
                return .success(event)
            } catch {
                switch error {
                case .syntax(let syntax):
                    return .failure(StateDecodingError(recordID: nil, problem: "malformed event JSON: \(syntax.text)"))
                case .invalid(let recordID, let problem):
                    return .failure(StateDecodingError(recordID: recordID, problem: problem))
                }
            }
        }
        self = try result.get()
    }

    /// Checks a parsed event; its time only when `checkingTime` (see ``init(storedJSON:)``).
    init(wire: WriteEventWire, checkingTime: Bool = true) throws(StateDecodingError) {
        func fail(_ problem: String) -> StateDecodingError { StateDecodingError(recordID: wire.id, problem: problem) }
        guard RecordID.isValid(wire.id) else { throw fail("event: invalid record id") }
        let dot = Dot(replica: wire.replica, counter: wire.n)
        guard ReplicaID.isValid(wire.replica), (1...IntakeLimits.maxCounter).contains(wire.n) else {
            throw fail("event: invalid dot \(dot)")
        }
        guard wire.read.count <= IntakeLimits.maxReplicas else { throw fail("event \(dot): read context names too many replicas") }
        for (replica, counter) in wire.read {
            guard ReplicaID.isValid(replica), (1...IntakeLimits.maxCounter).contains(counter) else {
                throw fail("event \(dot): invalid read context entry \(replica):\(counter)")
            }
        }
        let read = VersionVector(wire.read)
        guard !read.contains(dot) else { throw fail("event \(dot): its read context holds its own dot") }
        guard !wire.fields.isEmpty else { throw fail("event \(dot): writes no field") }
        if let problem = RecordState.checkAuthor(wire.author) { throw fail("event \(dot): author \(problem)") }
        guard !checkingTime || IntakeLimits.isWriteTime(wire.at) || (wire.reconstructed && wire.at == 0) else {
            throw fail("event \(dot): time \(wire.at) is outside \(IntakeLimits.writeTimeRange)")
        }
        self.init(
            recordID: wire.id,
            dot: dot,
            meta: WriteMeta(author: wire.author, at: wire.at),
            readContext: read,
            values: wire.fields,
            reconstructed: wire.reconstructed
        )
    }
}

/// The JSON shape of an event.
struct WriteEventWire {
    let at: Int64
    let author: String
    let fields: [String: FieldValue]
    let id: String
    let n: UInt64
    let read: [String: UInt64]
    let reconstructed: Bool
    let replica: String
}
