import GRDB
import GRDBSQLite
import LiaisonCore
public import LiaisonReports

/// Reading the report facts the store keeps beside each live record (`report_fact`, kept by
/// triggers in the same transaction as every write): one compact row per record, streamed to a
/// report without decoding a state or a record's display values (docs/design.md §13).
extension LiaisonStore {
    /// Runs `body` over the live records of `scope` that pass the office and period filters, in
    /// sequence order, streamed from one read transaction, with how many of them have open
    /// conflicts. Each record carries the facts every report reads and the display values of
    /// `scope.fields`.
    ///
    /// ```swift
    /// let scope = registry.scope(ofReport: "sccp")!
    /// let count = try await store.withReportRecords(scope, office: "mumbai", period: ReportPeriod()) { records, _ in
    ///     records.reduce(0) { count, _ in count + 1 }
    /// }
    /// ```
    /// - Throws: ``StoreError`` `.invalid` when the store keeps no facts for one of the fields, or
    ///   the store's errors.
    public func withReportRecords<T: Sendable>(
        _ scope: ReportScope,
        office: String?,
        period: ReportPeriod,
        _ body: @escaping @Sendable (_ records: ReportRecords, _ provisionalCount: Int) throws -> T
    ) async throws -> T {
        let kinds = scope.fields.map { schema.field($0)?.kind }
        return try await database.read { db in
            let kept = try Set(db.columns(in: "report_fact").map(\.name))
            if let missing = scope.fields.first(where: { !kept.contains($0) }) {
                throw StoreError(.invalid, "reports cannot read field \"\(missing)\": the store keeps no report facts for it")
            }
            var conditions: [String] = []
            var arguments: [(any DatabaseValueConvertible)?] = []
            if let track = scope.track {
                conditions.append("instr(tracks, ?) > 0")
                arguments.append("," + track + ",")
            }
            if let office {
                conditions.append("office = ?")
                arguments.append(office)
            }
            if let from = period.from {
                conditions.append("day >= ?")
                arguments.append(from)
            }
            if let to = period.to {
                conditions.append("day <= ?")
                arguments.append(to)
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let provisional = try Int.fetchOne(
                db,
                sql: "SELECT count(*) FROM report_fact \(filter.isEmpty ? "WHERE" : filter + " AND") conflicted = 1",
                arguments: StatementArguments(arguments)
            )!
            let statement = try db.makeStatement(
                sql: "SELECT \(Self.reportColumns(scope.fields)) FROM report_fact \(filter) ORDER BY seq"
            )
            statement.arguments = StatementArguments(arguments)
            let failure = FirstFailure()
            let records = ReportRecords {
                guard let rows = failure.catching({ try Row.fetchCursor(statement) }) else { return AnyIterator { nil } }
                // Few records have a combination of tracks of their own: each is split once.
                var trackLists: [String: [String]] = [:]
                return AnyIterator {
                    // The row is the statement's current one: its columns are read from SQLite directly.
                    guard (failure.catching({ try rows.next() }) ?? nil) != nil else { return nil }
                    return Self.reportRecord(
                        statement.sqliteStatement,
                        fields: scope.fields,
                        kinds: kinds,
                        trackLists: &trackLists
                    )
                }
            }
            let result = try body(records, provisional)
            if let error = failure.error { throw error }
            return result
        }
    }

    /// The `report_fact` columns ``reportRecord(_:fields:kinds:trackLists:)`` reads, in its
    /// order: the facts, then `fields`; each prefixed with `table.` when given.
    static func reportColumns(_ fields: [String], of table: String? = nil) -> String {
        let prefix = table.map { $0 + "." } ?? ""
        let facts = ["id", "office", "status", "value_usd", "tracks", "updated_at", "conflicted", "day"]
        return (facts + fields.map { "\"\($0)\"" }).map { prefix + $0 }.joined(separator: ", ")
    }

    /// The report view of the `report_fact` row a statement stands on: the facts, then the
    /// declared fields' values, read straight from SQLite (a report reads every row).
    static func reportRecord(
        _ row: SQLiteStatement,
        fields: [String],
        kinds: [FieldKind?],
        trackLists: inout [String: [String]]
    ) -> ReportRecord {
        func text(_ column: Int32) -> String? {
            guard let bytes = sqlite3_column_text(row, column) else { return nil }
            return String(
                decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(row, column))),
                as: UTF8.self
            )
        }
        var values: [ReportField] = []
        values.reserveCapacity(fields.count)
        for index in fields.indices {
            let column = Int32(8 + index)
            switch sqlite3_column_type(row, column) {
            case SQLITE_TEXT: if let value = text(column) { values.append(ReportField(fields[index], .text(value))) }
            case SQLITE_INTEGER:
                let number = sqlite3_column_int64(row, column)
                values.append(ReportField(fields[index], kinds[index] == .bool ? .bool(number != 0) : .number(Double(number))))
            case SQLITE_FLOAT: values.append(ReportField(fields[index], .number(sqlite3_column_double(row, column))))
            default: break
            }
        }
        let tracks = trackList(text(4) ?? "", cache: &trackLists)
        return ReportRecord(
            id: text(0) ?? "",
            office: text(1) ?? "",
            status: text(2) ?? "",
            valueUSD: sqlite3_column_type(row, 3) == SQLITE_NULL ? 0 : sqlite3_column_double(row, 3),
            tracks: tracks,
            date: text(7) ?? "",
            updatedAt: sqlite3_column_int64(row, 5),
            conflicted: sqlite3_column_int64(row, 6) != 0,
            values: values
        )
    }

    /// The track ids of a `tracks` column (`,a,b,`); few records have a combination of tracks of
    /// their own, so each is split once and kept in `cache`.
    static func trackList(_ tracks: String, cache: inout [String: [String]]) -> [String] {
        if let list = cache[tracks] { return list }
        let list = tracks.utf8.split(separator: UInt8(ascii: ",")).map { String(decoding: $0, as: UTF8.self) }
        cache[tracks] = list
        return list
    }

    /// Every live record with every display value, decoded from the `display` column: what
    /// reports read before the store kept report facts. Reports no longer use it; it stays to
    /// check the facts against (tests) and to time decoding (`liaison-bench reports`).
    public func reportRecords() async throws -> [ReportRecord] {
        try await displayedRecords().map {
            ReportRecord(id: $0.id, fields: $0.values, conflicted: $0.conflicted, updatedAt: $0.updatedAt)
        }
    }
}

/// The first error met while a report iterates rows (an iterator cannot throw); the read
/// throws it once the report is built.
private final class FirstFailure {
    private(set) var error: (any Error)?

    func catching<T>(_ work: () throws -> T) -> T? {
        guard error == nil else { return nil }
        do { return try work() } catch {
            self.error = error
            return nil
        }
    }
}

extension PluginRegistry {
    /// Builds a report over the live records of `store`: streams the report facts the store
    /// keeps (the report's track, office and period chosen in SQL, one read transaction) into
    /// the report. The overview without a period is built from the counts the store keeps
    /// instead (``LiaisonStore/overviewCounts(office:today:)``): the same document.
    ///
    /// ```swift
    /// let doc = try await registry.report(ReportRequest(id: "sccp"), from: store)
    /// print(ReportRenderer.render(doc, as: .md))
    /// ```
    /// - Throws: ``ReportRequestError`` for a bad request, or the store's errors.
    public func report(_ request: ReportRequest, from store: LiaisonStore) async throws -> ReportDocument {
        try validate(request)
        guard let scope = scope(ofReport: request.id) else {
            return ReportDocument(id: request.id, title: request.id, generatedAt: request.generatedAt)
        }
        if request.id == OverviewReport.declaration.id, request.period.isUnbounded {
            let counts = try await store.overviewCounts(office: request.office, today: request.today)
            let input = ReportInput(
                records: ReportRecords([]),
                provisionalCount: counts.conflictedCount,
                office: request.office,
                period: request.period,
                today: request.today,
                generatedAt: request.generatedAt
            )
            return OverviewReport.build(counts, input: input, schema: schema)
        }
        let registry = self
        return try await store.withReportRecords(scope, office: request.office, period: request.period) { records, provisional in
            let input = ReportInput(
                records: records,
                provisionalCount: provisional,
                office: request.office,
                period: request.period,
                today: request.today,
                generatedAt: request.generatedAt
            )
            return registry.build(request.id, input: input)
                ?? ReportDocument(id: request.id, title: request.id, generatedAt: request.generatedAt)
        }
    }

    /// Builds and renders a report over every record of `store`.
    public func render(_ request: ReportRequest, as format: ReportFormat, from store: LiaisonStore) async throws -> String {
        ReportRenderer.render(try await report(request, from: store), as: format)
    }
}
