import Foundation
import LiaisonCore
import Testing

@testable import LiaisonStore

@Suite("Searching for letters as people type them")
struct StoreSearchFoldingTests {
    /// A title, a search in its plain spelling and one as written (other case, other form).
    static let spellings: [(title: String, plain: String, written: String)] = [
        ("Ørsted Wind", "orsted", "ØRSTED"),
        ("Łódź Plant", "lodz", "łódź"),
        ("Đà Nẵng Port", "da nang", "ĐÀ"),
        ("Straße Works", "strasse", "STRAẞE"),
        ("Ærø Ferries", "aeroe", "ærø"),
        ("Œuvre Holdings", "oeuvre", "œuvre"),
        ("Þórshöfn Fisheries", "thorshofn", "ÞÓRSHÖFN"),
        ("Garðabær Trade", "gardabaer", "GARÐABÆR"),
        ("Diyarbakır Textiles", "diyarbakir", "diyarbakır"),
        ("Ｍｕｍｂａｉ Office", "mumbai", "ｍｕｍｂａｉ"),
        ("ﬁnance ﬂow", "finance flow", "ﬁnance"),
    ]

    func titles(_ store: LiaisonStore, _ text: String) async throws -> Set<String> {
        Set(try await store.page(RecordQuery(text: text)).states.compactMap { $0.displayValue(of: "title")?.textValue })
    }

    @Test("each letter with no accent to drop, a full-width word and a ligature are found by their plain spelling and as written")
    func plainAndWritten() async throws {
        // Not Mumbai's node: its records hold the office's name.
        let fixture = try StoreFixture(office: "kolkata")
        for spelling in Self.spellings { try await fixture.add(spelling.title) }
        try await fixture.add("Lithium JV")
        for spelling in Self.spellings {
            #expect(try await titles(fixture.store, spelling.plain) == [spelling.title], "\(spelling.plain)")
            #expect(try await titles(fixture.store, spelling.written) == [spelling.title], "\(spelling.written)")
            #expect(try await titles(fixture.store, spelling.title) == [spelling.title], "\(spelling.title)")
        }
        // Each word a prefix, in either spelling.
        #expect(try await titles(fixture.store, "ors") == ["Ørsted Wind"])
        #expect(try await titles(fixture.store, "ør") == ["Ørsted Wind"])
        #expect(try await titles(fixture.store, "oersted") == ["Ørsted Wind"], "ø's second spelling")
        #expect(try await titles(fixture.store, "aero") == ["Ærø Ferries"])
        #expect(try await titles(fixture.store, "straß") == ["Straße Works"])
        #expect(try await titles(fixture.store, "stras wor") == ["Straße Works"])
        #expect(try await titles(fixture.store, "mum") == ["Ｍｕｍｂａｉ Office"])
        #expect(try await titles(fixture.store, "fin") == ["ﬁnance ﬂow"])
        #expect(try StoreRecount(directory: fixture.directory).searchRowsOutOfStep() == 0)
    }

    @Test("accents of other Latin, Greek and Cyrillic letters are dropped; scripts with no Latin equivalent are searched as written")
    func otherScripts() async throws {
        let fixture = try StoreFixture(office: "kolkata")
        for title in ["Nestlé India", "Αθήνα Shipping", "Москва́ Trade", "मुंबई Port"] { try await fixture.add(title) }
        #expect(try await titles(fixture.store, "nestle") == ["Nestlé India"])
        #expect(try await titles(fixture.store, "αθηνα") == ["Αθήνα Shipping"])
        #expect(try await titles(fixture.store, "ΑΘΉΝΑ") == ["Αθήνα Shipping"])
        #expect(try await titles(fixture.store, "москва") == ["Москва́ Trade"])
        #expect(try await titles(fixture.store, "मुंबई") == ["मुंबई Port"])
        #expect(try await titles(fixture.store, "मबई").isEmpty, "a vowel sign is no accent: it stays")
        #expect(try await titles(fixture.store, "mumbai").isEmpty)
    }

    @Test("a record edited here and one merged from a peer are found by their new texts' plain spelling, not by their old")
    func keptInStep() async throws {
        let here = try StoreFixture()
        let peer = try StoreFixture(office: "chennai")
        let edited = try await here.add("Ørsted Wind")
        _ = try await here.store.update(id: edited.id, try here.values("title=Ærø Ferries"), readContext: nil, author: "asha")
        #expect(try await titles(here.store, "orsted").isEmpty)
        #expect(try await titles(here.store, "aero") == ["Ærø Ferries"])

        let theirs = try await peer.add("Łódź Plant")
        _ = try await here.store.merge([theirs], from: peer.store.identity.replicaID)
        #expect(try await titles(here.store, "lodz") == ["Łódź Plant"])
        let renamed = try await peer.store.update(id: theirs.id, try peer.values("title=Straße Works"), readContext: nil, author: "priya")
        _ = try await here.store.merge([renamed], from: peer.store.identity.replicaID)
        #expect(try await titles(here.store, "lodz").isEmpty)
        #expect(try await titles(here.store, "strasse") == ["Straße Works"])

        let recount = StoreRecount(directory: here.directory)
        #expect(try recount.searchRowsOutOfStep() == 0)
        #expect(try recount.rowsUnlikeTheirStates() == 0)
    }

    @Test("the folding: plain ASCII as it is, the table's letters and their capitals, compatibility forms, accents; folding twice changes nothing")
    func folding() {
        #expect(SearchFolding.folded("Lithium JV, Mumbai-2") == "Lithium JV, Mumbai-2")
        for (letter, plain) in SearchFolding.letters {
            #expect(SearchFolding.folded(String(letter)) == plain)
            let capital = String(letter).uppercased()
            if capital != String(letter), !capital.allSatisfy(\.isASCII) { #expect(SearchFolding.folded(capital) == plain, "\(capital)") }
        }
        #expect(SearchFolding.folded("Ø Ł Đ ẞ Æ Œ Þ Ð") == "o l d ss ae oe th d")
        #expect(SearchFolding.folded("Ｍｕｍｂａｉ ﬁ ﬂ ½") == "Mumbai fi fl 1⁄2")
        #expect(SearchFolding.folded("Nestlé, Ångström") == "Nestle, Angstrom")
        #expect(SearchFolding.indexed("Lithium JV") == "Lithium JV")
        #expect(SearchFolding.indexed("Ørsted Wind, Ærø") == "orsted Wind, aero oersted aeroe")
        for text in Self.spellings.map(\.title) + ["मुंबई", "Αθήνα", "İzmir"] {
            #expect(SearchFolding.folded(SearchFolding.folded(text)) == SearchFolding.folded(text), "\(text)")
            #expect(SearchFolding.indexed(SearchFolding.indexed(text)) == SearchFolding.indexed(text), "\(text)")
        }
    }
}
