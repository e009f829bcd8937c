import GRDB

/// `search_words(text, words)`: whether every word of `words` (ASCII letters and digits,
/// separated by spaces) begins a word of `text`, as the search index (`record_fts`, FTS5's
/// `unicode61` with diacritics removed) answers `"word"*` for each of them; NULL where only the
/// index can tell.
///
/// A search for a word that most records hold walks the order's index and asks this of each
/// row's kept `search` text, falling back to the index for a row it cannot answer (see
/// `RecordListSQL`): reading all of the index's hundreds of thousands of matches first cost more
/// than the page.
///
/// The index cuts and folds ASCII simply: a word is a run of letters and digits, folded to
/// lower case. What it does with any other character (a separator, a letter folded to another,
/// a mark dropped) is its own tables', so the answer is certain only where the ASCII tells it:
/// a word of `text` made of ASCII alone and bounded by ASCII separators is a word of the index,
/// and a search word that no reading of the other characters could spell is in no word.
enum SearchWordsFunction {
    /// The function, added to every connection of the store.
    static let function = DatabaseFunction("search_words", argumentCount: 2, pure: true) { values in
        guard let text = String.fromDatabaseValue(values[0]), let words = String.fromDatabaseValue(values[1]) else { return nil }
        return matches(text, words: words)
    }

    /// The words of a search as `search_words` takes them: lowercased and joined by spaces;
    /// nil when a word is not plain ASCII.
    static func argument(_ words: [String]) -> String? {
        guard words.allSatisfy({ $0.utf8.allSatisfy(isWordByte) }) else { return nil }
        return words.map { $0.lowercased() }.joined(separator: " ")
    }

    /// The words the search index cuts from `text`, lowercased, when `text` is plain ASCII; nil
    /// otherwise (its other characters are the index's own tables' to cut and fold).
    static func indexWords(of text: String) -> [String]? {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        return text.utf8.split(whereSeparator: { !isWordByte($0) }).map { String(decoding: $0.map(lowercased), as: UTF8.self) }
    }

    /// Whether each of `words` begins a word of `text`: true or false where that is certain, nil
    /// where it depends on characters other than ASCII (see ``SearchWordsFunction``).
    static func matches(_ text: String, words: String) -> Bool? {
        let words = words.utf8.split(separator: UInt8(ascii: " ")).map { $0.map(lowercased) }
        guard words.allSatisfy({ $0.allSatisfy(isWordByte) }) else { return nil }
        // Each character as its ASCII byte, or `other` for any other character.
        let units = text.unicodeScalars.map { $0.isASCII ? UInt8($0.value) : other }
        var found = [Bool](repeating: false, count: words.count)
        var possible = [Bool](repeating: false, count: words.count)
        // Runs of letters, digits and other characters, between ASCII separators.
        for run in units.split(whereSeparator: { $0 != other && !isWordByte($0) }) {
            let certain = !run.contains(other)
            for (index, word) in words.enumerated() where !found[index] {
                if certain {
                    found[index] = word.count <= run.count && zip(word, run).allSatisfy { $0 == lowercased($1) }
                } else if !possible[index] {
                    possible[index] = couldBegin(word, in: run)
                }
            }
        }
        if found.allSatisfy({ $0 }) { return true }
        return zip(found, possible).allSatisfy { $0 || $1 } ? nil : false
    }

    /// Whether `word` could begin a word the index cuts from `run`, each other character read in
    /// every way it might be: dropped, folded to any one letter, or a separator.
    private static func couldBegin(_ word: [UInt8], in run: ArraySlice<UInt8>) -> Bool {
        // How much of `word` each reading so far has spelled, from the start of an index word.
        var spelled: Set<Int> = [0]
        for unit in run {
            if spelled.contains(word.count) { return true }
            if unit == other {
                spelled.formUnion(spelled.filter { $0 < word.count }.map { $0 + 1 })
                spelled.insert(0)
            } else {
                spelled = Set(spelled.filter { $0 < word.count && word[$0] == lowercased(unit) }.map { $0 + 1 })
            }
        }
        return spelled.contains(word.count)
    }

    /// Stands for any character other than ASCII.
    private static let other: UInt8 = 0x80

    /// An ASCII letter or digit: the only ASCII characters `unicode61` keeps in a word.
    private static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): true
        default: false
        }
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }
}
