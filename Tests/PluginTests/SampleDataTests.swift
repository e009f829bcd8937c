import CriticalMinerals
import EnergyIndustry
import IPEF
import InnovationHandshake
import LiaisonBundledPlugins
import LiaisonCore
import LiaisonReports
import SCCP
import Semiconductors
import StrategicTrade
import Testing
import TradeMission

/// The schema of all eight bundled plugins, built here so the test does not depend on the
/// registry's listing.
let sampleTestRegistry = PluginRegistry(plugins: [
    CriticalMineralsPlugin(), SemiconductorsPlugin(), SCCPPlugin(), StrategicTradePlugin(),
    InnovationHandshakePlugin(), EnergyIndustryPlugin(), IPEFPlugin(), TradeMissionPlugin(),
])
let sampleTestSchema = sampleTestRegistry.schema

/// A record for report fixtures: core fields set from the arguments, plus `extra`.
func fixtureRecord(
    _ id: String,
    office: String = "mumbai",
    tracks: [String],
    opened: String = "2025-06-01",
    type: String = "investment",
    status: String = "in_discussion",
    value: Double? = nil,
    conflicted: Bool = false,
    _ extra: [String: FieldValue] = [:]
) -> ReportRecord {
    var fields: [String: FieldValue] = [
        "type": .text(type), "title": .text("Fixture \(id)"), "office": .text(office), "tracks": .list(tracks.sorted()),
        "status": .text(status), "opened_on": .text(opened),
    ]
    if let value { fields["value_usd"] = .number(value) }
    fields.merge(extra) { _, new in new }
    return ReportRecord(id: id, fields: fields, conflicted: conflicted, updatedAt: 1_750_000_000_000)
}

/// A deleted record of `track`: it never becomes a report record.
func fixtureDeletedState(_ id: String, track: String, value: Double) -> RecordState {
    var state = RecordState(id: id)
    let meta = WriteMeta(author: "test", at: 1_750_000_000_000)
    try! state.write(
        [
            "type": .text("investment"), "title": .text("Deleted"), "office": .text("mumbai"),
            "tracks": .list([track]), "status": .text("closed_won"), "value_usd": .number(value),
        ],
        readContext: .empty,
        replica: "mumbai.test01",
        meta: meta
    )
    try! state.delete(readContext: state.context, replica: "mumbai.test01", meta: meta)
    return state
}

/// Report `id` over `records` (plus the deleted ones, which must be dropped) through the registry.
func fixtureReport(
    _ id: String,
    _ records: [ReportRecord],
    deleted: [RecordState] = [],
    office: String? = nil,
    period: ReportPeriod = ReportPeriod()
) -> ReportDocument {
    let live = records + deleted.compactMap(ReportRecord.init)
    return sampleTestRegistry.report(
        id,
        records: live,
        office: office,
        period: period,
        today: "2026-03-01",
        generatedAt: "2026-03-01T00:00:00Z"
    )!
}

extension ReportDocument {
    /// The value of the key figure labelled `label`.
    func keyFigureValue(_ label: String) -> ReportValue? { keyFigures.first { $0.label == label }?.value }
    /// The table `id`.
    func reportTable(_ id: String) -> ReportTable? { tables.first { $0.id == id } }
}

extension ReportTable {
    /// The row whose first cell is `label`.
    func rowLabelled(_ label: String) -> [ReportValue]? { rows.first { $0.first == .text(label) } }
}

@Suite struct SampleDataTests {
    static let today = "2026-03-01"
    static let states = try! SampleData.generate(count: 3_000, seed: 7, replica: "mumbai.k3f9q2", schema: sampleTestSchema, today: today)

    @Test func sameSeedGivesTheSameStatesByteForByte() throws {
        let again = try SampleData.generate(count: 3_000, seed: 7, replica: "mumbai.k3f9q2", schema: sampleTestSchema, today: Self.today)
        #expect(again == Self.states)
        #expect(again.map(\.canonicalJSON) == Self.states.map(\.canonicalJSON))
    }

    @Test func batchesGiveTheSameStatesAsOneRun() throws {
        var generator = SampleDataGenerator(seed: 7, replica: "mumbai.k3f9q2", schema: sampleTestSchema, today: Self.today)
        let batched = try generator.next(1_000) + generator.next(1_500) + generator.next(500)
        #expect(batched == Self.states)
    }

    @Test func anotherSeedGivesOtherStates() throws {
        let other = try SampleData.generate(count: 100, seed: 8, replica: "mumbai.k3f9q2", schema: sampleTestSchema, today: Self.today)
        #expect(Set(other.map(\.id)).isDisjoint(with: Self.states.map(\.id)))
        #expect(other.map { $0.displayValues["title"] } != Self.states.prefix(100).map { $0.displayValues["title"] })
    }

    @Test func everyStateIsValid() throws {
        for state in Self.states {
            try sampleTestSchema.checkState(state)
            try sampleTestSchema.checkRecord(state)
            #expect(RecordID.isValid(state.id))
        }
        #expect(Set(Self.states.map(\.id)).count == Self.states.count)
    }

    @Test func idsAreUUIDv7Shaped() {
        for id in Self.states.prefix(200).map(\.id) {
            let parts = id.split(separator: "-")
            #expect(parts.map(\.count) == [8, 4, 4, 4, 12])
            #expect(parts[2].first == "7")
            #expect("89ab".contains(parts[3].first!))
        }
    }

    @Test func everyTrackOfficeTypeAndStatusIsRepresented() {
        let live = Self.states.filter { !$0.isDeleted }.map(\.displayValues)
        #expect(Set(live.flatMap { $0["tracks"]?.listValue ?? [] }) == Set(sampleTestSchema.tracks.map(\.id)))
        #expect(Set(live.compactMap { $0["office"]?.textValue }) == Set(CoreSchema.offices))
        #expect(Set(live.compactMap { $0["status"]?.textValue }) == Set(CoreSchema.statuses))
        #expect(Set(live.compactMap { $0["type"]?.textValue }) == Set(CoreSchema.types))
        // Each record carries the fields of its tracks.
        for values in live.prefix(500) {
            for track in values["tracks"]?.listValue ?? [] {
                let declared = sampleTestSchema.fields.filter { $0.track == track && !$0.name.hasPrefix("sccp.") }
                for field in declared { #expect(values[field.name] != nil, "\(field.name) missing") }
            }
        }
    }

    @Test func datesSpreadOverTwoYearsBeforeToday() {
        let opened = Self.states.compactMap { $0.displayValues["opened_on"]?.textValue }
        #expect(opened.allSatisfy { $0 <= Self.today && $0 >= "2024-03-01" })
        #expect(opened.contains { $0 < "2024-06-01" })
        #expect(opened.contains { $0 > "2025-12-01" })
    }

    @Test func someConflictsAndSomeDeletions() {
        let conflicted = Self.states.filter { !$0.conflictedFields.isEmpty }
        let deleted = Self.states.filter(\.isDeleted)
        #expect((45...150).contains(conflicted.count), "conflicts: \(conflicted.count)")
        #expect((10...70).contains(deleted.count), "deleted: \(deleted.count)")
        for state in conflicted {
            let replicas = Set(state.conflictedFields.flatMap { state.entries(of: $0).map(\.dot.replica) })
            #expect(replicas == ["mumbai.k3f9q2", SampleData.secondReplica])
        }
        // Reports count them as provisional.
        let records = Self.states.compactMap(ReportRecord.init)
        #expect(records.count == Self.states.count - deleted.count)
        #expect(records.filter(\.conflicted).count == conflicted.filter { !$0.isDeleted }.count)
    }
}
