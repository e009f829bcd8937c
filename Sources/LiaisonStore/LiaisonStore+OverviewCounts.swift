import GRDB
import GRDBSQLite
import LiaisonCore
public import LiaisonReports

extension LiaisonStore {
    /// The overview's counts of the live records (of `office` only, when given), from what the
    /// store keeps (`report_overview_count`, kept by triggers as records change) and from the
    /// record list's index by last write, in one read transaction: a few thousand rows at a
    /// million records, instead of every record (docs/design.md §13). `today` (`YYYY-MM-DD`)
    /// decides which open records are stale; none are when it is not a day.
    public func overviewCounts(office: String?, today: String) async throws -> OverviewCounts {
        try await database.read { db in
            let officeFilter = office == nil ? "" : " AND office = ?"
            let officeArgument: StatementArguments = office.map { [$0] } ?? []
            var trackLists: [String: [String]] = [:]
            let groups = try Row.fetchAll(
                db,
                sql: """
                    SELECT office, status, tracks, conflicted, value_basis, n, cents FROM report_overview_count
                    WHERE n > 0\(officeFilter)
                    """,
                arguments: officeArgument
            ).map { row in
                let tracks: String = row["tracks"]
                return OverviewCounts.Group(
                    office: row["office"],
                    status: row["status"],
                    tracks: Self.trackList(tracks, cache: &trackLists),
                    conflicted: row["conflicted"],
                    valueBasis: row["value_basis"],
                    count: row["n"],
                    // Read as a number whatever it holds: a sum past 64 bits is one SQLite made REAL.
                    value: (row["cents"] as Double) / 100
                )
            }
            guard let today = ReportDays.number(today) else {
                return OverviewCounts(groups: groups, staleByOffice: [:], oldestStale: [])
            }
            // Open and last written before the cutoff: ``OverviewReport/isStale(_:today:)``. The
            // list's index by last write holds deleted, updated_at, status and office.
            let stale = """
                FROM record WHERE deleted = 0 AND updated_at < ?
                    AND ifnull(status, '') NOT IN (\(PipelineValue.closedStatuses.map { "'\($0)'" }.joined(separator: ", ")))
                    \(officeFilter)
                """
            let cutoff: StatementArguments = [Int64(today - OverviewReport.staleDays) * 86_400_000]
            let staleByOffice = try Dictionary(
                uniqueKeysWithValues: Row.fetchAll(
                    db,
                    sql: "SELECT ifnull(office, '') AS office, count(*) AS n \(stale) GROUP BY 1",
                    arguments: cutoff + officeArgument
                ).map { row in (row["office"] as String, row["n"] as Int) }
            )
            // The oldest, with the report facts and fields the overview reads.
            let fields = ReportScope(track: nil, fields: OverviewReport.reportFields).fields
            let statement = try db.makeStatement(
                sql: """
                    SELECT \(Self.reportColumns(fields, of: "f"))
                    FROM report_fact AS f JOIN (SELECT seq, updated_at, id \(stale) ORDER BY updated_at, id LIMIT ?) AS r
                        ON f.seq = r.seq
                    ORDER BY r.updated_at, r.id
                    """
            )
            statement.arguments = cutoff + officeArgument + [OverviewReport.staleListLength]
            let kinds = fields.map { self.schema.field($0)?.kind }
            var oldest: [ReportRecord] = []
            let rows = try Row.fetchCursor(statement)
            while try rows.next() != nil {
                oldest.append(
                    Self.reportRecord(statement.sqliteStatement, fields: fields, kinds: kinds, trackLists: &trackLists)
                )
            }
            return OverviewCounts(groups: groups, staleByOffice: staleByOffice, oldestStale: oldest)
        }
    }
}
