import GRDB
import LiaisonCore
import Testing

@testable import LiaisonStore

@Suite("How a search reads the store")
struct StoreSearchPlanTests {
    /// SQLite's plans for the statement that reads a page of `query` (from the start, and past a
    /// cursor in each run) and for its total, with the index that finds a record by its key.
    static func plans(_ store: LiaisonStore, _ query: RecordQuery) async throws -> (plans: [String], keyIndex: String) {
        try await store.database.read { db in
            var sql = RecordListSQL(query)
            try sql.choosingIndex(db)
            #expect(sql.searchFirst, "a search matching few records is read from the search index first")
            // The total is counted apart only when a page from a cursor finds no row.
            let statements =
                [
                    nil, ListCursor(sort: query.sort, backward: false, key: .null, id: "m"),
                    ListCursor(sort: query.sort, backward: true, key: "m".databaseValue, id: "m"),
                ]
                .map { sql.matchesStatement(from: $0, limit: 51) } + [sql.matching]
            let plans = try statements.map { statement, arguments in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + statement, arguments: arguments)
                    .map { $0["detail"] as String }.joined(separator: "\n")
            }
            return (plans, sql.keyIndex)
        }
    }

    /// Searches that match few of the records, in every order and with each kind of filter.
    static let queries =
        RecordQuery.Sort.allCases.map { RecordQuery(text: "lithium", sort: $0) } + [
            RecordQuery(conflictedOnly: true, text: "lithium"),
            RecordQuery(track: "ipef", deleted: true, text: "lith"),
            RecordQuery(office: "mumbai", status: "identified", text: "lithium", sort: .office),
        ]

    @Test("a search that matches few records finds each match by its key, in every order and filter, also during a bulk load")
    func eachMatchByItsKey() async throws {
        let fixture = try StoreFixture()
        var records = ManyRecords(seed: 11)
        try await fixture.store.mergeAll(records.states(300))
        for (keyIndex, aside) in [("record_list_search", false), ("record_key", true)] {
            if aside { #expect(try await fixture.store.setIndexesAside(forLoadOf: 1_000, threshold: 100)) }
            for query in Self.queries {
                let (plans, chosen) = try await Self.plans(fixture.store, query)
                #expect(chosen == keyIndex)
                // The total of a search with filters reads the index alone, not each match's row
                // (the conflicted flag is not in it).
                if !aside && !query.conflictedOnly { #expect(plans.last!.contains("COVERING INDEX record_list_search"), "\(query): \(plans.last!)") }
                for plan in plans {
                    // Reading a list index for every match reads the whole store as many times
                    // as there are matches.
                    #expect(plan.contains("INDEX \(keyIndex) (key=?"), "\(query): \(plan)")
                    // The matches' keys were found once; no statement asks the search index again.
                    #expect(!plan.contains("record_fts"), "\(query): \(plan)")
                }
            }
        }
        try await fixture.store.restoreIndexes()
    }
}
