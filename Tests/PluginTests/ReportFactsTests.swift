import Foundation
import LiaisonBundledPlugins
import LiaisonCore
import LiaisonReports
import LiaisonStore
import Testing

/// Reports built from the facts a store keeps beside each record (streamed, no state or
/// display JSON decoded) are the documents the decoded display values give, and the facts stay
/// equal to a recount from the display values through every kind of write.
@Suite("Reports from kept facts")
struct ReportFactsTests {
    static let registry = BundledPlugins.registry
    static let now = Date(timeIntervalSince1970: 1_772_323_200)  // 2026-03-01

    /// A store of sample records (about 3% in conflict, 1% deleted) at mumbai, removed after.
    final class SampleStore: Sendable {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-facts-\(UUID().uuidString)")
        let store: LiaisonStore

        init(records: Int, seed: UInt64) async throws {
            try LiaisonStore.initialise(directory: directory, office: "mumbai")
            store = try LiaisonStore(directory: directory, schema: ReportFactsTests.registry.schema)
            let states = try SampleData.generate(
                count: records,
                seed: seed,
                replica: store.identity.replicaID,
                schema: store.schema,
                today: "2026-03-01"
            )
            _ = try await store.merge(states)
        }

        deinit { try? FileManager.default.removeItem(at: directory) }
    }

    @Test func everyReportFromKeptFactsIsTheDocumentTheDisplayValuesGive() async throws {
        let sample = try await SampleStore(records: 1_500, seed: 11)
        let decoded = try await sample.store.reportRecords()
        #expect(decoded.contains { $0.conflicted })
        // Enough stale records that the overview lists its full 25 (from the store's counts).
        let overview = try await Self.registry.report(ReportRequest(id: "overview", now: Self.now), from: sample.store)
        #expect(overview.tables.first { $0.id == "stale_records" }?.rows.count == OverviewReport.staleListLength)
        let filters: [(office: String?, period: ReportPeriod)] = [
            (nil, ReportPeriod()), ("mumbai", ReportPeriod()), (nil, ReportPeriod(from: "2025-06-01", to: "2026-01-31")),
            ("new-delhi", ReportPeriod(from: "2025-01-01", to: nil)),
        ]
        for report in Self.registry.reports {
            for filter in filters {
                let request = ReportRequest(id: report.id, office: filter.office, period: filter.period, now: Self.now)
                let streamed = try await Self.registry.report(request, from: sample.store)
                let inMemory = Self.registry.report(request, records: decoded)
                #expect(streamed == inMemory, "\(report.id) \(filter)")
                for format in ReportFormat.allCases {
                    #expect(ReportRenderer.render(streamed, as: format) == ReportRenderer.render(inMemory, as: format))
                }
            }
        }
    }

    @Test func keptFactsEqualARecountThroughWritesMergesDeletesAndResolutions() async throws {
        let sample = try await SampleStore(records: 300, seed: 5)
        let store = sample.store
        var random = SampleRandom(seed: 99)
        let other = "chennai.facts1"
        var written = 0
        for step in 0..<400 {
            let ids = try await store.reportRecords().map(\.id)
            let id = random.pick(ids)
            switch random.int(below: 6) {
            case 0:
                // A write the schema refuses (a track field of a track the record left) changes nothing.
                if (try? await store.update(id: id, Self.someValues(&random), readContext: nil, author: "asha")) != nil {
                    written += 1
                }
            case 1:
                // A concurrent edit from another node: a conflict where both wrote a field.
                var theirs = try #require(try await store.state(id: id))
                try theirs.write(
                    Self.someValues(&random),
                    readContext: theirs.context,
                    replica: other,
                    meta: WriteMeta(author: "priya", at: 1_760_000_000_000 + Int64(step))
                )
                _ = try? await store.update(id: id, Self.someValues(&random), readContext: nil, author: "asha")
                _ = try await store.merge([theirs], from: other)
            case 2:
                _ = try await store.delete(id: id, readContext: nil, author: "asha")
            case 3:
                let conflicted = try await store.reportRecords().filter(\.conflicted).map(\.id)
                if let settle = conflicted.first {
                    _ = try? await store.resolve(id: settle, Self.someValues(&random), author: "asha")
                }
            case 4:
                _ = try? await store.create(
                    ["type": .text("event"), "title": .text("Step \(step)"), "tracks": .list(["sccp"])]
                        .merging(Self.someValues(&random)) { _, new in new },
                    author: "asha"
                )
            default:
                let deleted = try #require(try await store.state(id: id))
                var restored = deleted
                try restored.resolve(
                    ["status": .text("contacted")],
                    replica: other,
                    meta: WriteMeta(author: "priya", at: 1_770_000_000_000 + Int64(step))
                )
                _ = try await store.merge([restored], from: other)
            }
        }
        #expect(written > 20)
        try await Self.expectFactsEqualRecount(store)
        try await Self.expectFactsEqualRecount(try LiaisonStore(directory: sample.directory, schema: store.schema))
    }

    @Test func aReportReadingAFieldTheStoreDoesNotKeepIsRefusedClearly() async throws {
        let sample = try await SampleStore(records: 10, seed: 3)
        await #expect(throws: StoreError.self) {
            try await sample.store.withReportRecords(
                ReportScope(track: nil, fields: ["notes"]),
                office: nil,
                period: ReportPeriod()
            ) { records, _ in
                records.underestimatedCount
            }
        }
    }

    /// Values of fields reports read, some cleared.
    static func someValues(_ random: inout SampleRandom) -> [String: FieldValue] {
        let choices: [(String, [FieldValue])] = [
            ("status", CoreSchema.statuses.map { .text($0) }),
            ("office", CoreSchema.offices.map { .text($0) }),
            ("value_usd", [.number(1_000), .number(2_500_000), .null]),
            ("opened_on", [.text("2025-01-15"), .text("2026-02-01"), .null]),
            ("value_basis", [.text("verified"), .text("estimate"), .null]),
            ("sccp.activity", [.text("workshop"), .text("conformity_barrier"), .null]),
            ("sccp.attendance", [.number(40), .null]),
            ("underserved_owned", [.bool(true), .bool(false), .null]),
            ("trade_mission.mission", [.text("Mission A"), .null]),
        ]
        var values: [String: FieldValue] = [:]
        for _ in 0..<random.int(in: 1...3) {
            let (field, options) = random.pick(choices)
            values[field] = random.pick(options)
        }
        if values.keys.contains(where: { $0.contains(".") }) {
            // Track fields need their tracks: the record moves into both.
            values["tracks"] = .list(["sccp", "trade_mission"])
        }
        return values
    }

    /// Every kept fact (and the provisional count) equals what the decoded display values say.
    static func expectFactsEqualRecount(_ store: LiaisonStore) async throws {
        let fields = Array(Set(registry.reports.flatMap { registry.scope(ofReport: $0.id)?.fields ?? [] })).sorted()
        let (streamed, provisional) = try await store.withReportRecords(
            ReportScope(track: nil, fields: fields),
            office: nil,
            period: ReportPeriod()
        ) { records, provisional in
            (Array(records), provisional)
        }
        let decoded = try await store.reportRecords()
        #expect(streamed.map(\.id) == decoded.map(\.id))
        #expect(provisional == decoded.count { $0.conflicted })
        // The overview, built from the counts the store keeps, is the document of its records.
        for office in [nil, "mumbai"] {
            let request = ReportRequest(id: "overview", office: office, period: ReportPeriod(), now: now)
            #expect(try await registry.report(request, from: store) == registry.report(request, records: decoded))
        }
        for (fact, record) in zip(streamed, decoded) {
            #expect(fact.office == record.office && fact.status == record.status && fact.valueUSD == record.valueUSD)
            #expect(fact.tracks == record.tracks && fact.date == record.date && fact.updatedAt == record.updatedAt)
            #expect(fact.conflicted == record.conflicted)
            for field in fields {
                #expect(fact.fields[field] == record.fields[field], "\(record.id) \(field)")
            }
        }
    }
}
