import Foundation
import GRDB
import LiaisonCore
import Testing

@testable import LiaisonStore

@Suite("Searching records")
struct StoreSearchTests {
    /// The core schema with one free-text track field.
    static let schema = Schema(trackFields: [
        FieldDeclaration(name: "sccp.topic", label: "Topic", kind: .text(maxLength: 200), track: "sccp")
    ])

    func titles(_ store: LiaisonStore, _ text: String, deleted: Bool = false) async throws -> Set<String> {
        Set(
            try await store.page(RecordQuery(deleted: deleted, text: text)).states.compactMap {
                $0.displayValue(of: "title")?.textValue
            }
        )
    }

    @Test("finds a record by a track field and by the start of a word, ignoring case and accents")
    func findsByTrackFieldAndPrefix() async throws {
        let fixture = try StoreFixture()
        let store = try LiaisonStore(directory: fixture.directory, schema: Self.schema)
        _ = try await store.create(
            try store.schema.parseAssignments([
                "type=investment", "title=Wrench calibration", "tracks=sccp", "sccp.topic=Torque standards",
            ]),
            author: "a"
        )
        _ = try await store.create(
            try store.schema.parseAssignments([
                "type=investment", "title=Lithium refinery", "tracks=critical_minerals", "notes=Ångström Labs visit",
            ]),
            author: "a"
        )
        #expect(try await titles(store, "torq") == ["Wrench calibration"])
        #expect(try await titles(store, "lith") == ["Lithium refinery"])
        #expect(try await titles(store, "LITHIUM refin") == ["Lithium refinery"])
        #expect(try await titles(store, "angstrom") == ["Lithium refinery"])
        #expect(try await titles(store, "lith torq").isEmpty, "every word must match")
        #expect(try await titles(store, "ithium").isEmpty, "words match from their start")
        #expect(try await titles(store, "refinery-lithium") == ["Lithium refinery"], "words joined by punctuation are words")
        #expect(try await titles(store, "lith OR torq").isEmpty, "OR is a word, not FTS5's syntax")
        #expect(try await titles(store, "\"lith*\"") == ["Lithium refinery"])
        #expect(try await titles(store, "\"").count == 2, "punctuation alone is no word: no search")
    }

    @Test("a field in conflict finds its record by each office's value; once resolved, by the value kept")
    func conflictedValuesAreFound() async throws {
        let (mumbai, chennai) = (try StoreFixture(), try StoreFixture(office: "chennai"))
        let id = try await Self.titleInConflict(at: mumbai, and: chennai)
        for here in [mumbai, chennai] {
            for word in ["cobalt", "graph"] {
                #expect(try await here.store.page(RecordQuery(text: word)).states.map(\.id) == [id], "\(word)")
            }
            #expect(try await here.store.page(RecordQuery(text: "lithium")).states.isEmpty, "a value both offices replaced")
            #expect(try StoreRecount(directory: here.directory).searchRowsOutOfStep() == 0)
        }

        _ = try await mumbai.store.resolve(id: id, try mumbai.values("title=Cobalt refinery"), author: "asha")
        #expect(try await mumbai.store.page(RecordQuery(text: "cobalt")).states.map(\.id) == [id])
        #expect(try await mumbai.store.page(RecordQuery(text: "graph")).states.isEmpty)
        #expect(try StoreRecount(directory: mumbai.directory).searchRowsOutOfStep() == 0)
    }

    /// Makes "Lithium JV" at `one`, retitled at once "Cobalt refinery" there and "Graphite anode
    /// plant" at `other`, each having merged the other's edit: the title in conflict at both.
    /// Returns the record's id.
    static func titleInConflict(at one: StoreFixture, and other: StoreFixture) async throws -> String {
        let made = try await one.add("Lithium JV")
        _ = try await other.store.merge([made], from: one.store.identity.replicaID)
        let here = try await one.store.update(id: made.id, try one.values("title=Cobalt refinery"), readContext: made.context, author: "asha")
        let there = try await other.store.update(
            id: made.id,
            try other.values("title=Graphite anode plant"),
            readContext: made.context,
            author: "priya"
        )
        _ = try await one.store.merge([there], from: other.store.identity.replicaID)
        _ = try await other.store.merge([here], from: one.store.identity.replicaID)
        return made.id
    }

    @Test("control characters separate words (a NUL does not cut the search short), and a search reads at most its first 8 words")
    func separatorsAndWordLimit() async throws {
        let fixture = try StoreFixture()
        let store = try LiaisonStore(directory: fixture.directory, schema: Self.schema)
        _ = try await store.create(
            try store.schema.parseAssignments(["type=investment", "title=Lithium refinery", "tracks=critical_minerals"]),
            author: "a"
        )
        _ = try await store.create(try store.schema.parseAssignments(["type=investment", "title=Wafer fab", "tracks=semiconductors"]), author: "a")
        #expect(try await titles(store, "lith\u{0}") == ["Lithium refinery"])
        #expect(try await titles(store, "\u{0}lith") == ["Lithium refinery"])
        #expect(try await titles(store, "lith\u{0}refin\u{1}") == ["Lithium refinery"])
        #expect(try await titles(store, "\u{0}") == ["Lithium refinery", "Wafer fab"], "no word: no search")
        #expect(RecordQuery(text: "Lith lith LITH refinery").searchWords == ["Lith", "refinery"])
        #expect(RecordQuery(text: "gas-oil O'Brien Ångström_2").searchWords == ["gas", "oil", "O", "Brien", "Angstrom", "2"])
        #expect(RecordQuery(text: "a-b-c-d-e-f-g-h-i").searchWords.count == 9, "punctuation does not hide words from the limit")

        // Eight words count; a ninth is refused by the check, and not searched for by the store.
        let eight = "lith refin lith lithium refinery l li re ref"
        #expect(RecordQuery(text: eight).searchWords.count == 8)
        #expect(throws: Never.self) { try RecordQuery(text: eight).check(against: store.schema) }
        let nine = eight + " zzz"
        #expect(throws: ValidationError("q", "a search may have at most 8 words; this one has 9")) {
            try RecordQuery(text: nine).check(against: store.schema)
        }
        #expect(try await titles(store, nine) == ["Lithium refinery"])
    }

    @Test("a word most records hold is found by walking the list, each row's text asked, with the index's answers")
    func commonWordByWalking() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        var records = ManyRecords(seed: 3)
        try await store.mergeAll(records.states(9_000))
        // Texts only the index can answer: "Éimpact" is no word starting i, "Ítem" is one.
        for title in ["Éimpact", "Ítem", "Tata’s plant"] {
            _ = try await store.create(
                try fixture.values("type=trade_lead", "title=\(title)", "tracks=sccp", "status=contacted", "office=chennai"),
                author: "a"
            )
        }
        for text in ["i", "s", "m"] {
            for sort in RecordQuery.Sort.allCases {
                for office in [nil, "mumbai", "chennai"] {
                    let asked = RecordQuery(office: office, text: text, sort: sort)
                    let (expected, plan, walked) = try await store.database.read { db in
                        var sql = RecordListSQL(asked)
                        try sql.choosingIndex(db)
                        // The walk itself, whichever way the store chose for this query.
                        let walker = RecordListSQL(asked)
                        let expected = try String.fetchAll(
                            db,
                            sql: """
                                SELECT id FROM record WHERE deleted = 0 AND coalesce(office = ?, 1)
                                AND key IN (SELECT rowid FROM record_fts WHERE record_fts MATCH ?) ORDER BY \(sql.order)
                                """,
                            arguments: [office, "\"\(text)\"*"]
                        )
                        // The walk alone, asked for a first page of 97 and of 1,999.
                        let walked = try [97, 1_999].map { try walker.walkAskingEachText(db, from: nil, limit: $0)?.map { $0[0] as String } }
                        return (expected, (walks: sql.asksEachText, searchFirst: sql.searchFirst), walked)
                    }
                    if office == "chennai" {
                        // The office's own word is in the text of each of its records: asked of the
                        // index beside the search's word, it finds the few (of 9,003) that hold both.
                        #expect(plan.searchFirst, "\(asked): the office's word narrows the index")
                    } else if office == nil {
                        #expect(plan.walks, "\(asked): matches most records")
                    }
                    // The walk gives the index's first page, or gives way: to a text it is unsure of
                    // (an accented title, which may spell a one-letter word), or to a page that
                    // 2,000 texts do not fill. Every Mumbai record holds the word "mumbai", so no
                    // text leaves it unsure of "m" there, and even a page of 1,999 fills.
                    let sure = text == "m" && office == "mumbai"
                    for (index, limit) in [97, 1_999].enumerated() {
                        if let page = walked[index] {
                            #expect(page == Array(expected.prefix(limit)), "\(asked) by \(limit)")
                        } else {
                            #expect(!sure, "\(asked) by \(limit): the walk gave way")
                        }
                    }
                    // Through the store: pages of 97 (the first three) and of 1,999 (all), whichever
                    // way each is found.
                    for (limit, pages) in [(97, 3), (1_999, Int.max)] {
                        var (query, found, read) = (asked, [String](), 0)
                        query.limit = limit
                        repeat {
                            let page = try await store.page(query)
                            found += page.states.map(\.id)
                            (query.cursor, read) = (page.next, read + 1)
                        } while query.cursor != nil && read < pages
                        let shown = query.cursor == nil ? expected : Array(expected.prefix(limit * pages))
                        #expect(found == shown, "\(asked) by \(limit)")
                    }
                }
            }
        }
    }

    @Test("a search with an office, status or track filter finds exactly what both keep, though other records name the filter in their text")
    func searchWithFilters() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        var records = ManyRecords(seed: 5)
        try await store.mergeAll(records.states(2_000))
        // Records whose text names another office, status or track than their own.
        for assignments in [
            ["title=Mumbai port link", "office=chennai", "status=contacted", "tracks=sccp"],
            ["title=Chennai desk", "office=mumbai", "status=identified", "tracks=sccp"],
            ["title=New Delhi visit, contacted twice", "office=kolkata", "status=identified", "tracks=ipef"],
            ["title=Critical minerals brief", "office=new-delhi", "status=contacted", "tracks=semiconductors"],
            ["title=Lithium plant", "office=new-delhi", "status=contacted", "tracks=critical_minerals"],
        ] {
            _ = try await store.create(try store.schema.parseAssignments(["type=trade_lead"] + assignments), author: "a")
        }
        for text in ["mum", "chennai", "new delhi", "contacted", "critical", "lith", "mumbai port"] {
            for office in [nil, "chennai", "mumbai", "new-delhi", "kolkata"] {
                for (status, track) in [(nil, nil), ("contacted", nil), (nil, "critical_minerals"), ("identified", "sccp")] {
                    let asked = RecordQuery(track: track, office: office, status: status, text: text)
                    let expected = try await store.database.read { db in
                        try String.fetchAll(
                            db,
                            sql: """
                                SELECT id FROM record WHERE deleted = 0 AND coalesce(office = ?, 1) AND coalesce(status = ?, 1)
                                AND coalesce(instr(tracks, ',' || ? || ',') > 0, 1)
                                AND key IN (SELECT rowid FROM record_fts WHERE record_fts MATCH ?) ORDER BY updated_at DESC, id DESC
                                """,
                            arguments: [office, status, track, text.split(separator: " ").map { "\"\($0)\"*" }.joined(separator: " ")]
                        )
                    }
                    var (query, found) = (asked, [String]())
                    query.limit = 500
                    repeat {
                        let page = try await store.page(query)
                        found += page.states.map(\.id)
                        query.cursor = page.next
                    } while query.cursor != nil
                    #expect(found == expected, "\(asked)")
                    #expect(try await store.page(asked).total == .exact(expected.count), "\(asked)")
                }
            }
        }
    }

    @Test("an edit, a delete, a merge from a peer (by sync and by bundle) and a spreadsheet leave the index in step")
    func keptInStep() async throws {
        let here = try StoreFixture()
        let peer = try StoreFixture(office: "chennai")
        let store = try LiaisonStore(directory: here.directory, schema: Self.schema)
        let other = try LiaisonStore(directory: peer.directory, schema: Self.schema)
        let wrench = try await store.create(
            try store.schema.parseAssignments([
                "type=investment", "title=Wrench calibration", "tracks=sccp", "sccp.topic=Torque standards",
            ]),
            author: "a"
        )
        let lithium = try await store.create(
            try store.schema.parseAssignments([
                "type=investment", "title=Lithium refinery", "tracks=critical_minerals",
            ]),
            author: "a"
        )

        _ = try await store.update(
            id: wrench.id,
            try store.schema.parseAssignments(["sccp.topic=Metrology"]),
            readContext: nil,
            author: "a"
        )
        #expect(try await titles(store, "torque").isEmpty)
        #expect(try await titles(store, "metro") == ["Wrench calibration"])
        _ = try await store.delete(id: lithium.id, readContext: nil, author: "a")
        #expect(try await titles(store, "lith").isEmpty)
        #expect(try await titles(store, "lith", deleted: true) == ["Lithium refinery"])

        // The peer holds the record, edits it, and its state comes back by sync.
        _ = try await other.merge([try #require(try await store.state(id: wrench.id))])
        _ = try await other.update(
            id: wrench.id,
            try other.schema.parseAssignments(["sccp.topic=Hydrogen valves"]),
            readContext: nil,
            author: "p"
        )
        _ = try await store.merge([try #require(try await other.state(id: wrench.id))], from: other.identity.replicaID)
        #expect(try await titles(store, "metro").isEmpty)
        #expect(try await titles(store, "hydro") == ["Wrench calibration"])

        // And by bundle: a record made at the peer.
        _ = try await other.create(
            try other.schema.parseAssignments([
                "type=investment", "title=Port deal", "tracks=sccp", "sccp.topic=Container scanners",
            ]),
            author: "p"
        )
        let bundle = peer.elsewhere.appendingPathComponent("out.liaison")
        _ = try await other.exportBundle(since: 0, toFile: bundle)
        _ = try await store.merge(try LiaisonBundle(json: Data(contentsOf: bundle)))
        #expect(try await titles(store, "contain") == ["Port deal"])

        // And by a spreadsheet that changes a record.
        let sheet = "id,sccp.topic\n\(wrench.id),Gauge blocks\n"
        let plan = ImportPlan(table: try CSVReader.read(sheet), schema: store.schema, map: [:])
        let imported = try await store.importRecords(plan, hash: LiaisonStore.importHash(of: sheet), fileName: "topics.csv", author: "a")
        #expect(imported.updated == 1)
        #expect(try await titles(store, "hydro").isEmpty)
        #expect(try await titles(store, "gauge") == ["Wrench calibration"])
        #expect(try StoreRecount(directory: here.directory).searchRowsOutOfStep() == 0)
    }
}
