import GRDB
import Testing

@testable import LiaisonStore

@Suite("A row's own text answers a search as the search index does")
struct SearchWordsFunctionTests {
    /// Pieces of texts: words in every case, digits, ASCII separators, and characters the
    /// index folds (accented letters), drops (a combining mark) or cuts at (punctuation).
    static let pieces = [
        "lith", "Lithium", "LITH", "mum", "Mumbai", "a", "ab", "x9", "9x", "2026", "um", "-", "_", " ", "  ", ".", "/",
        "'", "\t", "\n", "\u{0}", "é", "École", "Société", "Ítem", "’", "₹", "ß", "Å", "ﬁ", "Ｍum", "\u{301}", "m\u{301}um",
    ]
    /// Search words, as a search's words are: letters and digits, in any case.
    static let words = [
        "l", "lith", "LiTh", "lithium", "mu", "mum", "mumbai", "a", "ab", "x", "x9", "9", "20", "2026", "um", "it", "item", "e", "ec",
        "ecole", "s", "so", "m", "ta", "t",
    ]

    @Test("on 4,000 random texts and searches, where it answers, it answers as FTS5 does; for ASCII it always answers")
    func agreesWithTheIndex() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            db.add(function: SearchWordsFunction.function)
            try db.execute(sql: "CREATE VIRTUAL TABLE t USING fts5(search, tokenize = 'unicode61 remove_diacritics 2')")
        }
        var random = ManyRecords(seed: 5)
        var answered = (yes: 0, no: 0, unsure: 0)
        for _ in 0..<4_000 {
            // Pieces glued together, or apart.
            let text = (0..<random.number(12)).map { _ in random.pick(Self.pieces) + (random.number(2) == 0 ? " " : "") }.joined()
            let words = (0..<(random.number(3) == 0 ? 2 : 1)).map { _ in random.pick(Self.words) }
            let match = words.map { "\"\($0)\"*" }.joined(separator: " ")
            let (indexSays, functionSays) = try queue.write { db in
                try db.execute(sql: "DELETE FROM t")
                try db.execute(sql: "INSERT INTO t (search) VALUES (?)", arguments: [text])
                return (
                    try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM t WHERE t MATCH ?)", arguments: [match])!,
                    try Row.fetchOne(db, sql: "SELECT search_words(search, ?) FROM t", arguments: [SearchWordsFunction.argument(words)])![0] as Bool?
                )
            }
            switch functionSays {
            case .some(let says):
                #expect(says == indexSays, "\(text.debugDescription) \(words)")
                if says { answered.yes += 1 } else { answered.no += 1 }
            case .none:
                #expect(text.unicodeScalars.contains { !$0.isASCII }, "\(text.debugDescription) \(words): ASCII is always answered")
                answered.unsure += 1
            }
        }
        // The texts are varied enough that each answer comes often.
        #expect(answered.yes > 150 && answered.no > 500 && answered.unsure > 300, "\(answered)")
    }

    @Test("a word that is not plain ASCII is left to the index")
    func otherWordsLeftToTheIndex() {
        #expect(SearchWordsFunction.argument(["lith", "école"]) == nil)
        #expect(SearchWordsFunction.argument(["Lith", "JV"]) == "lith jv")
        #expect(SearchWordsFunction.matches("Lithium JV", words: "lith jv") == true)
        #expect(SearchWordsFunction.matches("Lithium JV", words: "lith port") == false)
        #expect(SearchWordsFunction.matches("Ångström labs", words: "lab") == true, "a certain word answers despite others")
        #expect(SearchWordsFunction.matches("Ångström labs", words: "ngs") == nil, "Å may be a separator")
        #expect(SearchWordsFunction.matches("Ångström labs", words: "mum") == false, "no reading of the text spells mum")
    }
}
