extension StateJSONReader {
    /// Reads one event object (`{"at":…,"author":…,"fields":{…},"id":…,"n":…,"read":{…},
    /// "reconstructed":…,"replica":…}`, keys in any order, unknown keys skipped) and checks it
    /// as ``WriteEvent/init(json:)`` does (its time only when `checkingTime`).
    mutating func readWriteEvent(checkingTime: Bool = true) throws(StateReadError) -> WriteEvent {
        let wire: WriteEventWire
        do {
            wire = try readEventWire()
        } catch {
            throw .syntax(error)
        }
        do {
            return try WriteEvent(wire: wire, checkingTime: checkingTime)
        } catch {
            throw .invalid(recordID: wire.id, problem: error.problem)
        }
    }

    private mutating func readEventWire() throws(JSONSyntaxError) -> WriteEventWire {
        try beginObject("an object (an event)")
        var at: Int64?
        var author: String?
        var fields: [String: FieldValue]?
        var id: String?
        var n: UInt64?
        var read: [String: UInt64]?
        var reconstructed: Bool?
        var replica: String?
        var unknown: Set<String> = []
        var first = true
        func once<T>(_ slot: T?, _ key: String) throws(JSONSyntaxError) {
            guard slot == nil else { throw fail("duplicate key \"\(key)\"") }
        }
        while let key = try nextKey(&first) {
            do throws(JSONSyntaxError) {
                switch key {
                case "at":
                    try once(at, key)
                    at = try readInt64()
                case "author":
                    try once(author, key)
                    author = try readString()
                case "fields":
                    try once(fields, key)
                    fields = try readEventFields()
                case "id":
                    try once(id, key)
                    id = try readString()
                case "n":
                    try once(n, key)
                    n = try readUInt64()
                case "read":
                    try once(read, key)
                    read = try readCounters()
                case "replica":
                    try once(replica, key)
                    replica = try readString()
                case "reconstructed":
                    try once(reconstructed, key)
                    guard let flag = try readKeyword() else { throw fail("expected true or false") }
                    reconstructed = flag
                default:
                    guard unknown.insert(key).inserted else { throw fail("duplicate key \"\(key)\"") }
                    try skipValue(depth: 3)
                }
            } catch {
                throw error.within(key)
            }
        }
        func missing(_ key: String) -> JSONSyntaxError { JSONSyntaxError(problem: "missing key \"\(key)\"", offset: -1) }
        guard let at else { throw missing("at") }
        guard let author else { throw missing("author") }
        guard let fields else { throw missing("fields") }
        guard let id else { throw missing("id") }
        guard let n else { throw missing("n") }
        guard let read else { throw missing("read") }
        guard let reconstructed else { throw missing("reconstructed") }
        guard let replica else { throw missing("replica") }
        return WriteEventWire(
            at: at,
            author: author,
            fields: fields,
            id: id,
            n: n,
            read: read,
            reconstructed: reconstructed,
            replica: replica
        )
    }

    private mutating func readEventFields() throws(JSONSyntaxError) -> [String: FieldValue] {
        try beginObject()
        var fields: [String: FieldValue] = [:]
        var first = true
        while let name = try nextKey(&first) {
            let value: FieldValue
            do { value = try readFieldValue() } catch { throw error.within(name) }
            guard fields.updateValue(value, forKey: name) == nil else { throw fail("duplicate key \"\(name)\"") }
        }
        return fields
    }

    /// `{"replica": counter, ...}`, each replica once.
    mutating func readCounters() throws(JSONSyntaxError) -> [String: UInt64] {
        try beginObject()
        var counters: [String: UInt64] = [:]
        var first = true
        while let replica = try nextKey(&first) {
            let counter: UInt64
            do { counter = try readUInt64() } catch { throw error.within(replica) }
            guard counters.updateValue(counter, forKey: replica) == nil else {
                throw fail("duplicate key \"\(replica)\"")
            }
        }
        return counters
    }

    /// Reads an array of events into `sent`. An event that is well-formed JSON but not a valid
    /// event puts its record (named by its `id`) in ``SentEvents/problems``, where the record's
    /// state is quarantined with it; one that names no record (`1`, `{}`) is thrown, as is a
    /// syntax error that leaves the array unreadable: nothing could be told of it otherwise.
    mutating func readEvents(into sent: inout SentEvents) throws(JSONSyntaxError) {
        var unattributed: JSONSyntaxError?
        try readElements(of: "events", { reader throws(StateReadError) in try reader.readWriteEvent() }) { reader, position, start, outcome in
            switch outcome {
            case .success(let event): sent.byRecord[event.recordID, default: []].append(event)
            case .failure(.syntax(let syntax)):
                if let recordID = reader.recordID(from: start) {
                    sent.problems[recordID] = "bad event: \(syntax.text)"
                } else if unattributed == nil {
                    unattributed = syntax.within(index: position).within("events")
                }
            case .failure(.invalid(let recordID, let problem)): sent.problems[recordID] = "bad event: \(problem)"
            }
        }
        if let unattributed { throw unattributed }
    }
}
