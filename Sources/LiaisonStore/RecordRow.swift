import Foundation
import GRDB
import LiaisonCore

/// A state with everything the store keeps beside it (canonical JSON, display values and the
/// queryable columns), worked out once. Pure: it can be made outside the write transaction.
struct RecordRow: Sendable {
    let state: RecordState
    let json: String
    let display: String
    /// What the record is found by (``SearchText``).
    let search: String
    /// What the list sorts the title by, when not the title itself (``TitleSort/key(_:)``).
    let titleSort: String?
    let values: [String: FieldValue]
    let tracks: String
    let deleted: Bool
    let conflicted: Bool

    /// The columns of `record` a row fills besides its id, key, sequence and source, in the
    /// order of ``columnValues``: the state first.
    static let columns = [
        "state", "type", "title", "office", "status", "tracks", "value_usd", "updated_at", "deleted", "conflicted",
        "search", "display", "title_sort",
    ]

    /// Inserts a record: its id, key, sequence, source and ``columns``.
    static let insertSQL = """
        INSERT INTO record (id, key, seq, source, \(columns.joined(separator: ", ")))
        VALUES (?, ?, ?, ?\(String(repeating: ", ?", count: columns.count)))
        """

    /// The values of ``columns``, as SQLite stores them.
    var columnValues: [DatabaseValue] {
        [
            json.databaseValue, values["type"]?.textValue.databaseValue ?? .null,
            values["title"]?.textValue.databaseValue ?? .null, values["office"]?.textValue.databaseValue ?? .null,
            values["status"]?.textValue.databaseValue ?? .null, tracks.databaseValue,
            values["value_usd"]?.numberValue.databaseValue ?? .null, state.updatedAt.databaseValue,
            deleted.databaseValue, conflicted.databaseValue, search.databaseValue, display.databaseValue,
            titleSort.databaseValue,
        ]
    }

    init(_ state: RecordState) {
        self.state = state
        json = state.canonicalJSON
        let summary = state.displaySummary
        let values = summary.values
        self.values = values
        display = DisplayValuesJSON.encode(values)
        search = SearchText.of(summary)
        titleSort = TitleSort.key(values["title"]?.textValue)
        let trackList = values["tracks"]?.listValue ?? []
        tracks = trackList.isEmpty ? "" : "," + trackList.joined(separator: ",") + ","
        deleted = summary.deleted
        conflicted = summary.conflicted
    }
}

/// Saving a state with its queryable columns, at the next local sequence.
extension Database {
    /// Stores a state written at this node as the record's current state, at the next sequence
    /// number. Must run inside a write transaction.
    /// - Throws: ``StoreError`` `.refused` when the state would be over
    ///   ``IntakeLimits/maxLocalStateBytes`` and larger than the stored one: each office's writes
    ///   keep it within that or make it smaller, so that the merge of eight offices' states stays
    ///   within what a node takes (``IntakeLimits/maxIntakeStateBytes``).
    func save(_ state: RecordState) throws -> Int64 {
        try save(RecordRow(state), over: heldColumns(ids: [state.id])[state.id])
    }

    /// Stores the first state of a record created here (`row`, made before the transaction, so
    /// that the writer does not wait for it), at the next sequence number, without looking for
    /// a stored row: its id was just made (``RecordID/make(now:)``), so none holds it (were one
    /// to, the insert would fail on the unique id, changing nothing). Must run inside a write
    /// transaction.
    /// - Throws: as ``save(_:)``.
    func saveCreated(_ row: RecordRow) throws -> Int64 {
        try save(row, over: nil)
    }

    /// Stores `row` over what its record's row holds now (`held`, nil: no row) at the next
    /// sequence.
    private func save(_ row: RecordRow, over held: [DatabaseValue]?) throws -> Int64 {
        let state = row.state
        // A record that merged past the limit (offices' concurrent edits, ``IntakeLimits``) still
        // takes a write that makes it smaller, as resolving one of its conflicts does.
        let bytes = row.json.utf8.count
        guard bytes <= IntakeLimits.maxLocalStateBytes || bytes < held.flatMap({ String.fromDatabaseValue($0[0]) })?.utf8.count ?? 0 else {
            throw StoreError(
                .refused,
                "record \(state.id) would be \(bytes) bytes, over the limit of \(IntakeLimits.maxLocalStateBytes) (256 KiB) a write here may bring a record to: resolve its conflicts first"
            )
        }
        let sequence = try Int64.fetchOne(cachedStatement(sql: "UPDATE node SET sequence = sequence + 1 RETURNING sequence"))!
        try insert(row, at: sequence, source: nil, over: held)
        return sequence
    }

    /// Stores a row at a sequence number the caller took (and will record in `node`). `source`
    /// is the replica id of a peer known to hold exactly this state (it sent it), so that sync
    /// does not send it back. `held` is what the record's ``RecordRow/columns`` hold now (nil:
    /// not held).
    ///
    /// A record not held is inserted, keyed by `sequence` for its life. A record held is updated
    /// in only the columns whose values change (besides its sequence and source), so that
    /// SQLite rewrites only the indexes of those columns: SQLite picks the indexes to maintain
    /// from the columns an UPDATE sets, not from their values.
    func insert(_ row: RecordRow, at sequence: Int64, source: String?, over held: [DatabaseValue]?) throws {
        let values = row.columnValues
        guard let held else {
            let ids = [row.state.id.databaseValue, sequence.databaseValue, sequence.databaseValue, source.databaseValue]
            return try cachedStatement(sql: RecordRow.insertSQL).execute(arguments: StatementArguments(converted: ids + values))
        }
        let changed = RecordRow.columns.indices.filter { held[$0] != values[$0] }
        let update = try cachedStatement(
            sql: "UPDATE record SET seq = ?, source = ?" + changed.map { ", \(RecordRow.columns[$0]) = ?" }.joined()
                + " WHERE id = ?"
        )
        try update.execute(
            arguments: StatementArguments(
                converted: [sequence.databaseValue, source.databaseValue] + changed.map { values[$0] } + [row.state.id.databaseValue]
            )
        )
    }

    /// What the ``RecordRow/columns`` of those of `ids` that are stored hold, by id (the state
    /// first): one query for a whole batch.
    func heldColumns(ids: [String]) throws -> [String: [DatabaseValue]] {
        var found: [String: [DatabaseValue]] = [:]
        try forEachStored(ids: ids, columns: RecordRow.columns) { id, row in
            found[id] = RecordRow.columns.indices.map { row[$0 + 1] }
        }
        return found
    }

    /// The stored states of those of `ids` that are stored, as canonical JSON by id: one query
    /// for a whole batch.
    func storedStates(ids: [String]) throws -> [String: String] {
        var found: [String: String] = [:]
        try forEachStored(ids: ids, columns: ["state"]) { id, row in found[id] = row[1] }
        return found
    }

    /// Calls `body` with the id and a row of the id then `columns` of each of `ids` that is
    /// stored, 500 ids a query.
    private func forEachStored(ids: [String], columns: [String], _ body: (String, Row) throws -> Void) throws {
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ ids[$0..<min($0 + 500, ids.count)] }) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            // Cached: a page has at most 500 records, so there are at most 500 of these.
            let statement = try cachedStatement(
                sql: "SELECT id, \(columns.joined(separator: ", ")) FROM record WHERE id IN (\(marks))"
            )
            let rows = try Row.fetchCursor(statement, arguments: StatementArguments(Array(chunk)))
            while let row = try rows.next() { try body(row[0], row) }
        }
    }

    /// The stored state of a record, if any.
    func loadState(id: String) throws -> RecordState? {
        let statement = try cachedStatement(sql: "SELECT state FROM record WHERE id = ?")
        guard let json = try String.fetchOne(statement, arguments: [id]) else { return nil }
        return try RecordState(json: Data(json.utf8))
    }

    /// The stored state of the record a person means by `given` (a command's `ID`, the `{id}`
    /// of an address): the record whose id is exactly `given`, else the one whose id is
    /// ``RecordID/canonical(_:)`` of it (docs/design.md §3). A record stored under an id in
    /// capitals (imported before 2026.12.04.4) is reached by that id as it is shown; any other
    /// spelling of a UUID reaches the lower-case record.
    func loadState(given: String) throws -> RecordState? {
        if let state = try loadState(id: given) { return state }
        let canonical = RecordID.canonical(given)
        return canonical == given ? nil : try loadState(id: canonical)
    }
}

extension StatementArguments {
    /// Positional arguments from values already converted for SQLite. GRDB's initialiser from
    /// a sequence of concrete values maps them through a key path that is built anew at run
    /// time at each call (~3 % of the writer thread in `liaison-bench writes`); its initialiser
    /// from optional existentials maps them through a closure.
    init(converted values: [DatabaseValue]) {
        self.init(values.map { $0 as (any DatabaseValueConvertible)? })
    }
}
