import Foundation
import GRDB

/// The SQL of a record list: its filter, and its order walked by keyset, so that any page
/// costs about the same however deep it lies (docs/design.md §13).
///
/// Each order is a column and a direction, ties broken by id in the same direction, and is
/// served by an index (`record_list_<sort>`, or `record_conflicted_<sort>` for conflicts).
/// SQLite puts rows without a key (NULL) first when ascending and last when descending, so the
/// list is two runs: rows with a key, ordered by (key, id), and rows without, ordered by id.
/// A page walks from its cursor through the rest of its run, then into the next run; a search
/// matching few records reads its matches in one statement that takes both runs in order.
struct RecordListSQL {
    /// A run of the list: rows with a key, or rows without.
    enum Run { case keyed, unkeyed }

    let query: RecordQuery
    /// The sorted column, with its collation.
    let key: String
    /// The bare column (for titles, ``TitleSort/expression``).
    let column: String
    /// The columns ``column`` reads, for a statement that selects them to sort outside.
    var columnsRead: String { query.sort == .title ? "title_sort, title" : column }
    /// Whether the order is descending.
    let descending: Bool
    /// The FTS5 query of the search (``match(_:)``), made once; nil without a search.
    let match: String?
    /// The search's words as `search_words` takes them (``SearchWordsFunction``); nil without
    /// a search, or when a word is not plain ASCII.
    let plainWords: String?
    /// Whether a walk of the order's index asks each row's own text whether it matches the search
    /// (``choosingIndex(_:)``), rather than reading every match from the search index first.
    private(set) var asksEachText = false
    /// An equality filter (`office` or `status`) so selective that its index, then a sort, finds
    /// a page sooner than walking the order's index (see ``choosingIndex(_:)``).
    private(set) var selective: String?
    /// The keys of the search's matches as a JSON array, when it matches at most
    /// ``keysReadAtMost`` records (see ``choosingIndex(_:)``): the search index is asked once, and
    /// the page's statements and its total read the keys from here.
    private(set) var matchedKeys: String?

    /// Whether the search matches so few records (at most 5,000) that reading its
    /// ``matchedKeys`` by key and sorting them finds a page sooner than walking the order's index.
    private(set) var searchFirst = false

    /// The most matches whose keys a search reads first (``matchedKeys``); above this, a walk
    /// asks the index in its own statements. A search matching more reads this many keys for
    /// nothing (about 0.3 µs each at 1,000,000 records: at 20,000, `q=lithium` ran 5 ms slower).
    static let keysReadAtMost = 10_000

    init(_ query: RecordQuery) {
        var query = query
        // A search with no words (`.`, `€`) is no search: the same plan, and the total from the
        // kept counts, exact, rather than every record counted up to "more than 10,000".
        if query.searchWords.isEmpty { query.text = nil }
        self.query = query
        let words = Array(query.searchWords.prefix(RecordQuery.searchWordLimit))
        match = Self.match(words, filtered: Self.filterWords(query))
        plainWords = words.isEmpty ? nil : SearchWordsFunction.argument(words)
        (column, descending) =
            switch query.sort {
            case .updated: ("updated_at", true)
            case .title: (TitleSort.expression, false)
            case .value: ("value_usd", true)
            case .status: ("status", false)
            case .office: ("office", false)
            case .created: ("id", false)
            }
        key = query.sort == .title ? "\(column) COLLATE NOCASE" : column
    }

    /// The index that finds a record by its key for a search read from the search index first:
    /// `record_list_search` (key, deleted, office, status, tracks), which also tells whether it is
    /// deleted and holds what the filters ask, or
    /// `record_key` while a bulk load has the list indexes aside (see ``choosingIndex(_:)``).
    private(set) var keyIndex = "record_key"

    /// Whether the statements read the search's matches first and find each one's row by its key
    /// (the total of a search that is not ``searchFirst``): from the ``matchedKeys`` when they
    /// were read, else from the search index.
    private var joinsSearchIndex = false

    /// Whether the statements read the ``matchedKeys`` and find each one's row by its key.
    private var readsMatchedKeys: Bool { matchedKeys != nil && (searchFirst || joinsSearchIndex) }

    /// What a list statement reads (its `FROM`, with the arguments that come first):
    /// `record`, with the index of a ``selective`` filter named; when it ``readsMatchedKeys``,
    /// those keys, each found in `record` by its key; for a total that joins the search index
    /// without them, the index's matches, each found the same way.
    var table: (sql: String, arguments: StatementArguments) {
        // The key's index is named: the store keeps no statistics, so SQLite would take
        // `deleted = ?` on a list index as nearly unique and read that whole index for every
        // match (23 s for 3,548 matches among 100,000 records).
        let byKey = "CROSS JOIN record INDEXED BY \(keyIndex) ON record.key"
        if let matchedKeys, readsMatchedKeys {
            return ("(SELECT value AS matched FROM json_each(?)) AS found \(byKey) = found.matched", [matchedKeys])
        }
        if joinsSearchIndex { return ("record_fts \(byKey) = record_fts.rowid", []) }
        return (selective.map { "record INDEXED BY record_list_\($0)" } ?? "record", [])
    }

    /// `ORDER BY` of the whole list (the same order as the runs walked in turn).
    var order: String {
        let direction = descending ? "DESC" : "ASC"
        return "\(key) \(direction), id \(direction)"
    }

    /// The filter's conditions and arguments. With `ordered`, equality filters on other columns
    /// than the sorted one are kept from choosing an index (`+column`), so that SQLite walks the
    /// order's index and stops after a page instead of sorting every match. Without `search`, the
    /// search is left out (a walk that ``asksEachText`` asks it apart).
    func filter(ordered: Bool, search: Bool = true) -> (conditions: [String], arguments: StatementArguments) {
        // Conflicted records show whether or not their provisional display is "deleted", unless
        // deleted ones alone are asked for; the conflicted index still walks them (`+deleted`).
        var conditions = query.conflictedOnly ? ["conflicted = 1"] : ["deleted = ?"]
        var arguments: StatementArguments = query.conflictedOnly ? [] : [query.deleted]
        if query.conflictedOnly && query.deleted { conditions.append("+deleted = 1") }
        func equal(_ name: String, _ value: String?) {
            guard let value else { return }
            conditions.append((ordered && name != column && name != selective ? "+" : "") + "\(name) = ?")
            arguments += [value]
        }
        equal("office", query.office)
        equal("status", query.status)
        // instr, not LIKE: a track id is matched exactly, never as a pattern.
        if let track = query.track {
            conditions.append("instr(tracks, ?) > 0")
            arguments += [",\(track),"]
        }
        // A table of the matched keys already holds the search (``table``).
        if let match, search, !(ordered && readsMatchedKeys) {
            if let matchedKeys {
                conditions.append("key IN (SELECT value FROM json_each(?))")
                arguments += [matchedKeys]
            } else {
                conditions.append(
                    ordered && joinsSearchIndex ? "record_fts MATCH ?" : "key IN (SELECT rowid FROM record_fts WHERE record_fts MATCH ?)"
                )
                arguments += [match]
            }
        }
        return (conditions, arguments)
    }

    /// Notes the keys of a search's matches when there are at most ``keysReadAtMost`` of them,
    /// and a search that matches at most 5,000 records as ``searchFirst``, or else an office or
    /// status filter that matches at most 2,000 (by the kept counts) as ``selective``: walking the
    /// order's index would pass over many rows to find a page of either. For a search, notes the
    /// ``keyIndex`` the store has now, and whether a walk ``asksEachText``.
    mutating func choosingIndex(_ db: Database) throws {
        // The number of matches read and the key of the last, when a search matches more: the
        // index gives its matches in key order, so how far into the keys they reach tells how
        // many match.
        var reach: (count: Int, key: Int64)?
        if let match {
            if try db.schemaHas("record_list_search") { keyIndex = "record_list_search" }
            let found = try Row.fetchOne(
                db,
                sql: """
                    SELECT json_group_array(rowid), count(*), max(rowid)
                    FROM (SELECT rowid FROM record_fts WHERE record_fts MATCH ? LIMIT ?)
                    """,
                arguments: [match, Self.keysReadAtMost + 1]
            )!
            let count: Int = found[1]
            if count <= Self.keysReadAtMost { matchedKeys = found[0] }
            if count <= 5_000 {
                searchFirst = true
                return
            }
            reach = (count, found[2])
        }
        try choosingSelective(db)
        if let reach, selective == nil, plainWords != nil {
            asksEachText = try Self.matchesMost(db, reach: reach)
        }
    }

    /// Whether a search whose first `reach.count` matches reach key `reach.key` matches so many
    /// records that a walk finds a page sooner by asking each row's text (about 50·N/M rows read
    /// for a page of 50, when M of N records match) than by first reading every match from the
    /// search index (M keys). M is taken as `reach.count`·N/`reach.key`, N as the largest key. At
    /// 1,000,000 records a row's text cost about as much as 40 keys read (`liaison-bench scale`:
    /// `q=lithium`, 3.6 % of the records, ran slower asked row by row, `q=mum`, 24 %, three times
    /// faster), so the two cost the same where M = √(2,000·N): about 45,000 matches of a million.
    private static func matchesMost(_ db: Database, reach: (count: Int, key: Int64)) throws -> Bool {
        let records = Double(try Int64.fetchOne(db, sql: "SELECT coalesce(max(key), 0) FROM record") ?? 0)
        return Double(reach.count) * records / Double(max(reach.key, 1)) >= (2_000 * records).squareRoot()
    }

    /// Notes an office or status filter that matches at most 2,000 records as ``selective``.
    private mutating func choosingSelective(_ db: Database) throws {
        guard !query.conflictedOnly else { return }
        var fewest = 2_001
        for (name, value) in [("office", query.office), ("status", query.status)] where name != column {
            guard let value else { continue }
            let count =
                try Int.fetchOne(
                    db,
                    sql: "SELECT n FROM record_count WHERE key = ?",
                    arguments: ["\(name):\(query.deleted ? 1 : 0):\(value)"]
                ) ?? 0
            // During a bulk load the list indexes are set aside: the table is read instead.
            if count < fewest, try db.schemaHas("record_list_\(name)") { (selective, fewest) = (name, count) }
        }
    }

    /// An FTS5 query for the search's words (the first ``RecordQuery/searchWordLimit`` of
    /// ``RecordQuery/searchWords``), each as a prefix (`lith` finds lithium), and for the
    /// `filtered` words, each whole. Nil when the search has no word.
    private static func match(_ words: [String], filtered: [String]) -> String? {
        // A word is letters and digits alone: quoted, it is never read as FTS5's syntax.
        words.isEmpty ? nil : (words.map { "\"\($0)\"*" } + filtered.map { "\"\($0)\"" }).joined(separator: " ")
    }

    /// The words of the office, status and track the query filters on, which every record it
    /// keeps holds in its search text: each of those is one of the record's display texts
    /// (``SearchText/indexWords(ofValue:)``). Asked of the search index beside the search's own
    /// words, they let the index find the few records a common word and a filter both keep
    /// (`q=mum&office=chennai`: 238,000 records hold the word, a handful pass the filter), which
    /// the filter's columns then decide exactly.
    private static func filterWords(_ query: RecordQuery) -> [String] {
        [query.office, query.status, query.track].compactMap { $0 }.flatMap(SearchText.indexWords(ofValue:))
    }

    /// Up to `limit` rows (`id` and key: no state) from `cursor` on, in the direction the
    /// cursor moves (towards the start for a backward cursor), or from the start without one.
    /// For ``searchFirst``, also every match counted (see ``matchesStatement(from:limit:)``), unless
    /// a walk from a cursor found no row.
    func walk(_ db: Database, from cursor: ListCursor?, limit: Int) throws -> (rows: [Row], total: Int?) {
        if searchFirst {
            let (sql, arguments) = matchesStatement(from: cursor, limit: limit)
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            // No row from the start: nothing matches.
            return (rows, rows.first.map { $0[2] } ?? (cursor == nil ? 0 : nil))
        }
        if asksEachText, let rows = try walkAskingEachText(db, from: cursor, limit: limit) { return (rows, nil) }
        let (runs, ascending) = walking(from: cursor)
        var rows: [Row] = []
        for (index, run) in runs.enumerated() where rows.count < limit {
            let (sql, arguments) = statement(reading: run, after: index == 0 ? cursor : nil, ascending: ascending, limit: limit - rows.count)
            rows += try Row.fetchAll(db, sql: sql, arguments: arguments)
        }
        return (rows, nil)
    }

    /// At most this many rows' texts are asked for one page (``walkAskingEachText(_:from:limit:)``):
    /// about 20 ms of reading at 1,000,000 records.
    static let textsAskedAtMost = 2_000

    /// For ``asksEachText``: up to `limit` rows (`id` and key) from `cursor` on, found by walking
    /// the order's index and asking each row's text whether it matches (`search_words`). Nil when
    /// a row's text cannot tell, or when ``textsAskedAtMost`` rows pass without filling the page
    /// (the search's matches lie elsewhere in the order, or the filters keep few of them): the
    /// walk then reads the search index's matches first, as for any search, having spent a bounded
    /// time on the attempt.
    func walkAskingEachText(_ db: Database, from cursor: ListCursor?, limit: Int) throws -> [Row]? {
        let (runs, ascending) = walking(from: cursor)
        var (rows, asked) = ([Row](), 0)
        for (index, run) in runs.enumerated() where rows.count < limit {
            let (sql, arguments) = statement(
                reading: run,
                after: index == 0 ? cursor : nil,
                ascending: ascending,
                limit: Self.textsAskedAtMost - asked,
                askingEachText: true
            )
            let walked = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while rows.count < limit, let row = try walked.next() {
                asked += 1
                guard let matches = row[2] as Bool? else { return nil }
                if matches { rows.append(row.copy()) }
            }
            if rows.count < limit && asked == Self.textsAskedAtMost { return nil }
        }
        return rows
    }

    /// The runs a walk from `cursor` reads, in order, and whether it reads them ascending.
    private func walking(from cursor: ListCursor?) -> (runs: [Run], ascending: Bool) {
        let backward = cursor?.backward ?? false
        var runs: [Run] = descending ? [.keyed, .unkeyed] : [.unkeyed, .keyed]
        if backward { runs.reverse() }
        // The walk starts in the cursor's run, just past the cursor, and goes on into the next.
        if let cursor { runs = Array(runs.drop { $0 != (cursor.key.isNull ? .unkeyed : .keyed) }) }
        // Ascending when the list is ascending, walked forward, or descending, walked backward.
        return (runs, descending == backward)
    }

    /// The statement that reads up to `limit` rows (`id` and key) of one run of the list, past
    /// `bound` (from the run's start without one), ascending or descending. With
    /// `askingEachText`, it reads every row of the run the other filters keep, with whether its
    /// text matches the search as a third column (``SearchWordsFunction``).
    private func statement(
        reading run: Run,
        after bound: ListCursor?,
        ascending: Bool,
        limit: Int,
        askingEachText: Bool = false
    ) -> (sql: String, arguments: StatementArguments) {
        let (source, sourceArguments) = table
        let (clauses, arguments) = filter(ordered: true, search: !askingEachText)
        let (past, pastArguments) = condition(of: run, after: bound, ascending: ascending)
        let direction = ascending ? "ASC" : "DESC"
        let order = run == .keyed ? "\(key) \(direction), id \(direction)" : "id \(direction)"
        let asked: (column: String, arguments: StatementArguments) = askingEachText ? (", search_words(search, ?)", [plainWords]) : ("", [])
        let sql =
            "SELECT id, \(column)\(asked.column) FROM \(source) WHERE \((clauses + [past]).joined(separator: " AND ")) ORDER BY \(order) LIMIT ?"
        return (sql, asked.arguments + sourceArguments + arguments + pastArguments + [limit])
    }

    /// For ``searchFirst``: the statement that reads up to `limit` rows (`id`, key, and the
    /// number of matches) of the walk from `cursor`, every run in one. The matches are sorted
    /// anyway, and SQLite puts NULL first when ascending, so one sort takes the runs in the walk's
    /// order; each match is read once and counted on the way, instead of once for each run and
    /// once more for the total.
    func matchesStatement(from cursor: ListCursor?, limit: Int) -> (sql: String, arguments: StatementArguments) {
        let (runs, ascending) = walking(from: cursor)
        let (source, sourceArguments) = table
        let (clauses, arguments) = filter(ordered: true)
        let parts = runs.enumerated().map { index, run in condition(of: run, after: index == 0 ? cursor : nil, ascending: ascending) }
        let direction = ascending ? "ASC" : "DESC"
        let sql = """
            SELECT id, \(column), total FROM (
                SELECT id, \(columnsRead), count(*) OVER () AS total FROM \(source) WHERE \(clauses.joined(separator: " AND "))
            ) WHERE \(parts.map { "(\($0.sql))" }.joined(separator: " OR ")) ORDER BY \(key) \(direction), id \(direction) LIMIT ?
            """
        return (sql, parts.reduce(sourceArguments + arguments) { $0 + $1.arguments } + [limit])
    }

    /// The condition of the rows of `run` past `bound` (every row of it without one), in the
    /// direction given.
    private func condition(of run: Run, after bound: ListCursor?, ascending: Bool) -> (sql: String, arguments: StatementArguments) {
        let (after, beyond) = ascending ? (">", ">=") : ("<", "<=")
        switch run {
        case .unkeyed:
            guard let bound else { return ("\(column) IS NULL", []) }
            return ("\(column) IS NULL AND id \(after) ?", [bound.id])
        case .keyed:
            guard let bound else { return ("\(column) IS NOT NULL", []) }
            return ("\(column) IS NOT NULL AND \(key) \(beyond) ? AND (\(key) \(after) ? OR id \(after) ?)", [bound.key, bound.key, bound.id])
        }
    }

    /// `SELECT 1` of every match, in no order: driven by the ``matchedKeys`` or the search index
    /// when there is a search, else by whichever index SQLite finds best for the filters.
    var matching: (sql: String, arguments: StatementArguments) {
        var counting = self
        counting.selective = nil
        counting.joinsSearchIndex = query.text != nil && !searchFirst
        let (source, sourceArguments) = counting.table
        let (conditions, arguments) = counting.filter(ordered: query.text != nil)
        return ("SELECT 1 FROM \(source) WHERE \(conditions.joined(separator: " AND "))", sourceArguments + arguments)
    }
}
