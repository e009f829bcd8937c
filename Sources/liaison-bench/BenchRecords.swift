import Foundation
import LiaisonCore

/// Record states for benchmarks, written directly (not through the store's write path):
/// valid against a schema, every track field filled from its declaration, values and dates
/// spread over two years, about 5% with a status conflict and 1% deleted. Deterministic for
/// a seed, except record ids.
struct BenchRecords {
    var random: SplitMix64
    let schema: Schema
    let replicas = CoreSchema.offices.map { ReplicaID.make(office: $0) }
    /// 2025-07-01 00:00 UTC: the dates are spread over the two years before it.
    let end: Int64 = 1_751_328_000_000

    init(seed: UInt64, schema: Schema) {
        random = SplitMix64(seed: seed)
        self.schema = schema
    }

    mutating func state() throws -> RecordState {
        let officeIndex = pick(CoreSchema.offices.indices)
        let office = CoreSchema.offices[officeIndex]
        let trackIDs = schema.tracks.map(\.id)
        var tracks: Set = [trackIDs[pick(trackIDs.indices)]]
        if chance(0.3) { tracks.insert(trackIDs[pick(trackIDs.indices)]) }
        let opened = end - Int64(pick(0..<730)) * 86_400_000
        let updated = min(end, opened + Int64(pick(0..<400)) * 86_400_000)
        var values: [String: FieldValue] = [
            "type": .text(CoreSchema.types[pick(CoreSchema.types.indices)]),
            "title": .text("Benchmark record \(pick(0..<1_000_000))"),
            "office": .text(office),
            "tracks": .list(tracks.sorted()),
            "status": .text(CoreSchema.statuses[pick(CoreSchema.statuses.indices)]),
            "us_party": .text("Acme Corp"), "in_party": .text("Bharat Industries Ltd"),
            "value_usd": .number(Double(pick(0..<500)) * 100_000),
            "value_basis": .text(["estimate", "client_reported", "verified"][pick(0..<3)]),
            "opened_on": .text(String(Timestamp.iso(opened).prefix(10))),
            "naics": .text(["334413", "325412", "2111", "541", "336411", "221114"][pick(0..<6)]),
            "officer": .text("Officer \(pick(0..<40))"),
        ]
        for field in schema.fields where field.track.map(tracks.contains) == true {
            values[field.name] = value(for: field.kind)
        }
        let replica = replicas[officeIndex]
        var state = RecordState(id: RecordID.make())
        try state.write(values, readContext: .empty, replica: replica, meta: WriteMeta(author: "bench", at: updated))
        if chance(0.05) {
            var other = state
            let base = state.context
            try state.write(
                ["status": .text("contacted")],
                readContext: base,
                replica: replica,
                meta: WriteMeta(author: "bench", at: updated + 1)
            )
            try other.write(
                ["status": .text("in_discussion")],
                readContext: base,
                replica: replicas[(officeIndex + 1) % 7],
                meta: WriteMeta(author: "bench", at: updated + 2)
            )
            state = (try? state.merged(with: other)) ?? state
        } else if chance(0.01) {
            try state.delete(readContext: state.context, replica: replica, meta: WriteMeta(author: "bench", at: updated + 1))
        }
        return state
    }

    mutating func value(for kind: FieldKind) -> FieldValue {
        switch kind {
        case .choice(let allowed): return .text(allowed[pick(allowed.indices)])
        case .choices(let allowed): return .list([allowed[pick(allowed.indices)]])
        case .text: return .text("Topic \(pick(0..<100))")
        case .bool: return .bool(chance(0.5))
        case .money: return .number(Double(pick(0..<100)) * 10_000)
        case .integer(let min, let max): return .number(Double(pick(min...Swift.min(max, min + 500))))
        case .date: return .text(String(Timestamp.iso(end - Int64(pick(0..<730)) * 86_400_000).prefix(10)))
        case .digits(let lengths): return .text(String(repeating: "3", count: lengths.lowerBound))
        }
    }

    mutating func pick<R: RandomAccessCollection>(_ range: R) -> R.Element where R.Index == Int {
        range[range.startIndex + Int(random.next() % UInt64(range.count))]
    }

    mutating func pick(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(random.next() % UInt64(range.count))
    }

    mutating func chance(_ p: Double) -> Bool { Double(random.next() % 1_000_000) < p * 1_000_000 }
}

/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
