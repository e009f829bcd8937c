/// Why a state could not be read: its JSON is malformed, or it is well-formed but inconsistent.
enum StateReadError: Error {
    case syntax(JSONSyntaxError)
    case invalid(recordID: String, problem: String)
}

/// A state as its JSON says, before its consistency is checked.
struct ParsedState {
    struct Write {
        var at: Int64
        var author: String
        /// The write's fields: `values[fields]`.
        var fields: Range<Int>
        var n: UInt64
        var replica: String
    }

    var id: String
    var context: [String: UInt64]
    var writes: [Write]
    /// Every write's field values, in one array.
    var values: [(name: String, value: FieldValue)]
}

extension StateJSONReader {
    static let valueExpectation = "expected a string, number, boolean, list of strings or null"

    /// Reads one state object (`{"context":…,"id":…,"writes":[…]}`, keys in any order,
    /// unknown keys skipped) and checks it as ``RecordState/init(json:)`` does.
    mutating func readRecordState() throws(StateReadError) -> RecordState {
        let parsed: ParsedState
        do {
            parsed = try readParsedState()
        } catch {
            throw .syntax(error)
        }
        return try RecordState(parsed: parsed)
    }

    /// Reads one state object without checking its consistency.
    mutating func readParsedState() throws(JSONSyntaxError) -> ParsedState {
        try beginObject("an object (a record state)")
        var id: String?
        var context: [String: UInt64]?
        var writes: [ParsedState.Write]?
        var values: [(name: String, value: FieldValue)] = []
        values.reserveCapacity(32)
        var unknown: Set<String> = []
        var first = true
        while let key = try nextKey(&first) {
            switch key {
            case "context":
                guard context == nil else { throw fail("duplicate key \"context\"") }
                do { context = try readCounters() } catch { throw error.within("context") }
            case "id":
                guard id == nil else { throw fail("duplicate key \"id\"") }
                do { id = try readString() } catch { throw error.within("id") }
            case "writes":
                guard writes == nil else { throw fail("duplicate key \"writes\"") }
                do { writes = try readWrites(into: &values) } catch { throw error.within("writes") }
            default:
                guard unknown.insert(key).inserted else { throw fail("duplicate key \"\(key)\"") }
                do { try skipValue(depth: 1) } catch { throw error.within(key) }
            }
        }
        guard let context else { throw JSONSyntaxError(problem: "missing key \"context\"", offset: -1) }
        guard let id else { throw JSONSyntaxError(problem: "missing key \"id\"", offset: -1) }
        guard let writes else { throw JSONSyntaxError(problem: "missing key \"writes\"", offset: -1) }
        return ParsedState(id: id, context: context, writes: writes, values: values)
    }

    private mutating func readWrites(
        into values: inout [(name: String, value: FieldValue)]
    ) throws(JSONSyntaxError) -> [ParsedState.Write] {
        try beginArray()
        var writes: [ParsedState.Write] = []
        var first = true
        while try nextElement(&first) {
            do {
                writes.append(try readWrite(into: &values))
            } catch {
                throw error.within(index: writes.count)
            }
        }
        return writes
    }

    private mutating func readWrite(
        into values: inout [(name: String, value: FieldValue)]
    ) throws(JSONSyntaxError) -> ParsedState.Write {
        try beginObject("an object (a write)")
        var at: Int64?
        var author: String?
        var fields: Range<Int>?
        var n: UInt64?
        var replica: String?
        var unknown: Set<String> = []
        var first = true
        while let key = try nextKey(&first) {
            switch key {
            case "at":
                guard at == nil else { throw fail("duplicate key \"at\"") }
                do { at = try readInt64() } catch { throw error.within("at") }
            case "author":
                guard author == nil else { throw fail("duplicate key \"author\"") }
                do { author = try readString() } catch { throw error.within("author") }
            case "fields":
                guard fields == nil else { throw fail("duplicate key \"fields\"") }
                let start = values.count
                do { try readFields(into: &values) } catch { throw error.within("fields") }
                fields = start..<values.count
            case "n":
                guard n == nil else { throw fail("duplicate key \"n\"") }
                do { n = try readUInt64() } catch { throw error.within("n") }
            case "replica":
                guard replica == nil else { throw fail("duplicate key \"replica\"") }
                do { replica = try readString() } catch { throw error.within("replica") }
            default:
                guard unknown.insert(key).inserted else { throw fail("duplicate key \"\(key)\"") }
                do { try skipValue(depth: 3) } catch { throw error.within(key) }
            }
        }
        guard let at else { throw JSONSyntaxError(problem: "missing key \"at\"", offset: -1) }
        guard let author else { throw JSONSyntaxError(problem: "missing key \"author\"", offset: -1) }
        guard let fields else { throw JSONSyntaxError(problem: "missing key \"fields\"", offset: -1) }
        guard let n else { throw JSONSyntaxError(problem: "missing key \"n\"", offset: -1) }
        guard let replica else { throw JSONSyntaxError(problem: "missing key \"replica\"", offset: -1) }
        return ParsedState.Write(at: at, author: author, fields: fields, n: n, replica: replica)
    }

    /// Duplicate field names are found when the state is built (``RecordState/init(parsed:)``).
    private mutating func readFields(into values: inout [(name: String, value: FieldValue)]) throws(JSONSyntaxError) {
        try beginObject()
        var first = true
        while let name = try nextKey(&first) {
            do {
                values.append((name, try readFieldValue()))
            } catch {
                throw error.within(name)
            }
        }
    }

    /// A string, number, boolean, list of strings or null.
    mutating func readFieldValue() throws(JSONSyntaxError) -> FieldValue {
        switch peek {
        case UInt8(ascii: "\""):
            return .text(try readString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let token = try scanNumber()
            return .number(try finiteDouble(of: token))
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            return try readKeyword().map { .bool($0) } ?? .null
        case UInt8(ascii: "["):
            index += 1
            var items: [String] = []
            var first = true
            while try nextElement(&first) {
                guard peek == UInt8(ascii: "\"") else {
                    throw unexpected(Self.valueExpectation).within(index: items.count)
                }
                do { items.append(try readString()) } catch { throw error.within(index: items.count) }
            }
            return .list(items)
        default:
            throw unexpected(Self.valueExpectation)
        }
    }
}

extension RecordState {
    /// Checks a parsed state as ``init(json:)`` always has: valid ids, counters from 1, every
    /// write in the context and only once, no field twice in one write.
    init(parsed: ParsedState) throws(StateReadError) {
        func fail(_ problem: String) -> StateReadError {
            .invalid(recordID: parsed.id, problem: problem)
        }
        guard RecordID.isValid(parsed.id) else { throw fail("invalid record id") }
        for (replica, counter) in parsed.context {
            guard ReplicaID.isValid(replica) else { throw fail("invalid replica id \"\(replica)\" in context") }
            guard counter > 0 else { throw fail("context counter for \(replica) must be at least 1") }
        }
        let context = VersionVector(parsed.context)
        var fields: [String: [Dot: FieldValue]] = [:]
        fields.reserveCapacity(parsed.values.count)
        var writes: [Dot: WriteMeta] = [:]
        writes.reserveCapacity(parsed.writes.count)
        var everyWriteLive = true
        for (position, write) in parsed.writes.enumerated() {
            let dot = Dot(replica: write.replica, counter: write.n)
            guard write.n > 0, ReplicaID.isValid(write.replica) else { throw fail("invalid dot \(dot)") }
            guard context.contains(dot) else { throw fail("write \(dot) is not in the state's context") }
            guard writes.updateValue(WriteMeta(author: write.author, at: write.at), forKey: dot) == nil else {
                throw fail("write \(dot) appears twice")
            }
            if write.fields.isEmpty { everyWriteLive = false }
            // A field's first entry is a copy of `single` with its value replaced: copying a
            // dictionary keeps its buckets, so the dot is hashed once per write, not per field.
            let single: [Dot: FieldValue] = [dot: .null]
            for (name, value) in parsed.values[write.fields] {
                guard Self.add(value, at: dot, to: &fields[name, default: [:]], single: single) else {
                    let error = JSONSyntaxError(problem: "duplicate key \"\(name)\"", offset: -1)
                    throw .syntax(error.within("fields").within(index: position).within("writes"))
                }
            }
        }
        if everyWriteLive {
            // Every field has an entry and every write is live: nothing to filter or prune.
            self.init(checkedID: parsed.id, context: context, fields: fields, writes: writes)
        } else {
            self.init(id: parsed.id, context: context, fields: fields, writes: writes)
        }
    }

    /// Adds `value` under `dot` to a field's entries; false when the dot already has one.
    @inline(__always)
    private static func add(
        _ value: FieldValue,
        at dot: Dot,
        to entries: inout [Dot: FieldValue],
        single: [Dot: FieldValue]
    ) -> Bool {
        if entries.isEmpty {
            entries = single
            entries.values[entries.startIndex] = value
            return true
        }
        return entries.updateValue(value, forKey: dot) == nil
    }

    /// A state whose fields are all non-empty and whose writes are exactly its live dots.
    private init(
        checkedID id: String,
        context: VersionVector,
        fields: [String: [Dot: FieldValue]],
        writes: [Dot: WriteMeta]
    ) {
        self.id = id
        self.context = context
        self.fields = fields
        self.writes = writes
    }
}
