import LiaisonCore

/// A small, fast, seedable generator (SplitMix64), so that a failing history can be replayed
/// from the seed that `propertyCheck` reports.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One write made during a random history, as its writer made it.
struct LoggedWrite {
    /// The dot the write took.
    let dot: Dot
    /// Every field it wrote, including the implied `deleted` where it wrote one.
    let values: [String: FieldValue]
    /// The read context the writer named.
    let readContext: VersionVector
    /// The context of the writing replica just before the write.
    let contextBefore: VersionVector
}

/// A random history of one record at 2–7 replicas: random writes (fields from a small set,
/// values from small pools), deletes, resolves and pairwise merges. Read contexts are the
/// current context, an older context this replica saw, a context another replica saw (a
/// token read at another node, possibly with dots this replica has not received), or empty.
///
/// Every state it holds is a reachable state of the record.
struct RandomHistory {
    static let recordID = "0190f3a2-7c1e-7000-8000-000000000001"
    static let fieldNames = ["title", "status", "value_usd", "tracks", "notes"]

    let replicas: [String]
    private(set) var states: [RecordState]
    /// Every context each replica has had, oldest first.
    private(set) var seen: [[VersionVector]]
    /// Every state any replica has had (all reachable), for picking merge operands.
    private(set) var snapshots: [RecordState] = []
    /// Every write made, in order.
    private(set) var log: [LoggedWrite] = []
    /// Each replica's write log: its own events and those it merged (a union, like sync's).
    private(set) var events: [[Dot: WriteEvent]]
    var rng: SplitMix64

    init(replicaCount: Int, seed: UInt64) {
        rng = SplitMix64(seed: seed)
        // Replica ids whose order differs from their index, so id order is really exercised.
        let offices = CoreSchema.offices
        replicas = (0..<replicaCount).map { index in
            "\(offices[(index * 3) % offices.count]).r\(index)\(["q", "a", "z"][index % 3])"
        }
        let empty = RecordState(id: Self.recordID)
        states = Array(repeating: empty, count: replicaCount)
        seen = Array(repeating: [.empty], count: replicaCount)
        events = Array(repeating: [:], count: replicaCount)
        snapshots = [empty]
    }

    /// Builds a history of `steps` random operations.
    static func make(replicas: Int, seed: UInt64, steps: ClosedRange<Int> = 4...24) throws -> RandomHistory {
        var history = RandomHistory(replicaCount: replicas, seed: seed)
        let count = Int.random(in: steps, using: &history.rng)
        for _ in 0..<count { try history.step() }
        return history
    }

    // MARK: - Values

    mutating func randomValue(for field: String) -> FieldValue {
        switch field {
        case "title":
            return .text(["Lithium refinery JV", "Cobalt MoU", "Fab visit"].randomElement(using: &rng)!)
        case "status":
            return .text(["identified", "contacted", "in_discussion"].randomElement(using: &rng)!)
        case "value_usd":
            return [.number(0), .number(1), .number(12.5), .number(2_500_000), .null].randomElement(using: &rng)!
        case "tracks":
            return .list([["sccp"], ["ipef", "sccp"], ["critical_minerals"]].randomElement(using: &rng)!)
        default:
            return [.text("line one\nline \"two\" \\ é ✓ \u{1}"), .text(""), .null].randomElement(using: &rng)!
        }
    }

    mutating func randomValues() -> [String: FieldValue] {
        let names = Self.fieldNames.shuffled(using: &rng).prefix(Int.random(in: 1...2, using: &rng))
        var values: [String: FieldValue] = [:]
        for name in names { values[name] = randomValue(for: name) }
        return values
    }

    mutating func randomMeta() -> WriteMeta {
        // A narrow range of times, so that ties (broken by replica id) happen often.
        WriteMeta(
            author: ["asha", "ravi", "peer"].randomElement(using: &rng)!,
            at: 1_767_225_600_000 + Int64.random(in: 0...12, using: &rng)
        )
    }

    mutating func randomReadContext(for replica: Int) -> VersionVector {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0..<5: return states[replica].context
        case 5..<7: return seen[replica].randomElement(using: &rng)!
        case 7..<9:
            let other = Int.random(in: 0..<replicas.count, using: &rng)
            return seen[other].randomElement(using: &rng)!
        default: return .empty
        }
    }

    // MARK: - Operations

    /// Writes `values` at `replica` against `readContext`, and logs the write.
    @discardableResult
    mutating func write(at replica: Int, _ values: [String: FieldValue], readContext: VersionVector) throws -> Dot {
        let before = states[replica].context
        let event = try states[replica].loggedWrite(values, readContext: readContext, replica: replicas[replica], meta: randomMeta())
        return logged(event, at: replica, readContext: readContext, before: before)
    }

    /// Resolves `values` at `replica` (against its whole context), and logs the write.
    mutating func resolve(at replica: Int, _ values: [String: FieldValue]) throws {
        let before = states[replica].context
        let event = try states[replica].loggedResolve(values, replica: replicas[replica], meta: randomMeta())
        logged(event, at: replica, readContext: before, before: before)
    }

    @discardableResult
    private mutating func logged(_ event: WriteEvent, at replica: Int, readContext: VersionVector, before: VersionVector) -> Dot {
        events[replica][event.dot] = event
        log.append(LoggedWrite(dot: event.dot, values: event.values, readContext: readContext, contextBefore: before))
        record(replica)
        return event.dot
    }

    /// `states[into] = states[into] ⊔ states[from]`.
    mutating func merge(into: Int, from: Int) throws {
        states[into] = try states[into].merged(with: states[from])
        events[into].merge(events[from]) { mine, _ in mine }
        record(into)
    }

    private mutating func record(_ replica: Int) {
        if seen[replica].last != states[replica].context { seen[replica].append(states[replica].context) }
        snapshots.append(states[replica])
    }

    /// One random operation: a write, a delete, a resolve or a pairwise merge.
    mutating func step() throws {
        let replica = Int.random(in: 0..<replicas.count, using: &rng)
        switch Int.random(in: 0..<100, using: &rng) {
        case 0..<42:
            let context = randomReadContext(for: replica)
            try write(at: replica, randomValues(), readContext: context)
        case 42..<50:
            let context = randomReadContext(for: replica)
            try write(at: replica, [deletedField: .bool(true)], readContext: context)
        case 50..<58:
            // A resolve: the whole current context; sometimes settles `deleted` either way, else
            // restores the record.
            var values = randomValues()
            if Bool.random(using: &rng) { values = [deletedField: .bool(Bool.random(using: &rng))] }
            try resolve(at: replica, values)
        default:
            var other = Int.random(in: 0..<replicas.count - 1, using: &rng)
            if other >= replica { other += 1 }
            try merge(into: replica, from: other)
        }
    }

    /// Gossip: rounds of pairwise merges (in a random order) until every replica holds the
    /// same state. Returns the number of rounds.
    @discardableResult
    mutating func gossipUntilStable() throws -> Int {
        var rounds = 0
        while Set(states).count > 1 {
            rounds += 1
            if rounds > 2 * replicas.count + 2 { break }  // the caller's check reports it
            var pairs: [(Int, Int)] = []
            for a in replicas.indices { for b in replicas.indices where a != b { pairs.append((a, b)) } }
            for (a, b) in pairs.shuffled(using: &rng) where Bool.random(using: &rng) || rounds > 1 {
                try merge(into: a, from: b)
            }
        }
        return rounds
    }

    /// A reachable state: usually a replica's current one, sometimes an older snapshot.
    mutating func randomState() -> RecordState {
        Int.random(in: 0..<4, using: &rng) == 0 ? snapshots.randomElement(using: &rng)! : states.randomElement(using: &rng)!
    }

    // MARK: - Oracle

    /// The entries each field must hold once every replica has seen every write, worked out
    /// from the log alone: a write's value for a field survives unless a later write of that
    /// field was made at a replica that had seen it (it was in that replica's context) AND
    /// named it in its read context.
    func expectedFields() -> [String: [Dot: FieldValue]] {
        var fields: [String: [Dot: FieldValue]] = [:]
        for write in log {
            for (name, value) in write.values {
                let covered = log.contains { later in
                    later.values[name] != nil && later.readContext.contains(write.dot)
                        && later.contextBefore.contains(write.dot)
                }
                if !covered { fields[name, default: [:]][write.dot] = value }
            }
        }
        return fields
    }
}
