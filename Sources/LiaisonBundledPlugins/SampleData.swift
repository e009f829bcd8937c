public import LiaisonCore

/// Deterministic sample records for demos, tests and benchmarks (`liaison seed`).
///
/// The same seed, replica, schema and `today` give the same states, byte for byte in their
/// canonical JSON. Records spread over the seven offices and every track of `schema` (with the
/// track's declared fields filled with allowed values), dates over the two years before
/// `today`, statuses along a plausible funnel. About 3% carry a concurrent edit from
/// ``secondReplica`` (an open conflict) and about 1% are deleted.
///
/// ```swift
/// let states = SampleData.generate(count: 1_000, seed: 42, replica: "mumbai.k3f9q2",
///                                  schema: BundledPlugins.schema, today: "2026-03-01")
/// ```
public enum SampleData {
    /// The replica that makes the concurrent edits behind sample conflicts.
    public static let secondReplica = "chennai.sample1"

    /// `count` sample states; see ``SampleDataGenerator`` to make them in batches.
    ///
    /// - Precondition: `today` is a date `YYYY-MM-DD`.
    public static func generate(
        count: Int,
        seed: UInt64,
        replica: String,
        schema: Schema,
        today: String
    )
        throws -> [RecordState]
    {
        var generator = SampleDataGenerator(seed: seed, replica: replica, schema: schema, today: today)
        return try generator.next(count)
    }
}

/// Makes sample states one at a time: the n-th state is the same whether the states are made
/// all at once or in batches.
public struct SampleDataGenerator: Sendable {
    var random: SampleRandom
    let replica: String
    let otherReplica: String
    let schema: Schema
    let todayDay: Int
    let trackIDs: [String]
    let trackFields: [String: [FieldDeclaration]]

    /// A generator for records written at `replica`, dated up to `today` (`YYYY-MM-DD`).
    ///
    /// - Precondition: `today` is a date `YYYY-MM-DD`.
    public init(seed: UInt64, replica: String, schema: Schema, today: String) {
        guard let day = SampleCalendar.days(today) else { preconditionFailure("today must be YYYY-MM-DD, got \(today)") }
        random = SampleRandom(seed: seed)
        self.replica = replica
        otherReplica = replica == SampleData.secondReplica ? "mumbai.sample1" : SampleData.secondReplica
        self.schema = schema
        todayDay = day
        trackIDs = schema.tracks.map(\.id)
        var byTrack: [String: [FieldDeclaration]] = [:]
        for field in schema.fields { if let track = field.track { byTrack[track, default: []].append(field) } }
        trackFields = byTrack
    }

    /// The next `count` states.
    public mutating func next(_ count: Int) throws -> [RecordState] {
        try (0..<max(0, count)).map { _ in try next() }
    }
}
