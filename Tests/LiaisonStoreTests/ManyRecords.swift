import Foundation
import LiaisonCore
import LiaisonStore

/// Varied states made from a seed, as other nodes would send them: titles that tie (also in
/// case), values often missing, update times that tie, half of them in Mumbai, some deleted
/// and some in conflict.
struct ManyRecords {
    private var rng: UInt64

    init(seed: UInt64) { rng = seed &* 6_364_136_223_846_793_005 &+ 1 }

    mutating func number(_ bound: Int) -> Int {
        rng = rng &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((rng >> 33) % UInt64(bound))
    }

    mutating func pick<T>(_ items: [T]) -> T { items[number(items.count)] }

    /// Fields a person might write: `words` gives titles and notes to search.
    mutating func fields() -> [String: FieldValue] {
        var fields: [String: FieldValue] = [
            "type": .text(pick(CoreSchema.types)),
            "title": .text(
                pick(["Lithium JV", "lithium jv", "Wafer fab", "Solar parks", "Ångström labs", "Port deal"])
                    + (number(3) == 0 ? "" : " \(number(40))")
            ),
            "office": .text(number(2) == 0 ? "mumbai" : pick(CoreSchema.offices)),
            "tracks": .list(Array(Set([pick(CoreSchema.tracks.map(\.id)), pick(CoreSchema.tracks.map(\.id))])).sorted()),
            "status": .text(pick(CoreSchema.statuses)),
        ]
        if number(3) > 0 { fields["value_usd"] = .number(Double(number(50) * 1_000)) }
        return fields
    }

    /// A new record's state, written at `replica`; about 5% deleted and 3% in conflict.
    mutating func state(replica: String = "chennai.abc123") -> RecordState {
        var state = RecordState(id: RecordID.make())
        let at = Int64(1_700_000_000_000 + number(500) * 1_000)
        try! state.write(fields(), readContext: .empty, replica: replica, meta: WriteMeta(author: "priya", at: at))
        switch number(100) {
        case 0..<5:
            try! state.delete(readContext: state.context, replica: replica, meta: WriteMeta(author: "priya", at: at + 1))
        case 5..<8:
            let base = state
            try! state.write(
                ["notes": .text("one")],
                readContext: base.context,
                replica: replica,
                meta: WriteMeta(author: "priya", at: at + 1)
            )
            var other = base
            try! other.write(
                ["notes": .text("two")],
                readContext: base.context,
                replica: "kolkata.xyz789",
                meta: WriteMeta(author: "ravi", at: at + 2)
            )
            state = try! state.merged(with: other)
        default: break
        }
        return state
    }

    /// `count` new states.
    mutating func states(_ count: Int) -> [RecordState] { (0..<count).map { _ in state() } }
}

extension LiaisonStore {
    /// Merges states in batches of 2,000.
    func mergeAll(_ states: [RecordState]) async throws {
        for start in stride(from: 0, to: states.count, by: 2_000) {
            _ = try await merge(Array(states[start..<min(start + 2_000, states.count)]))
        }
    }
}
