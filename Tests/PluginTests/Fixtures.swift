import LiaisonBundledPlugins
import LiaisonCore
import LiaisonReports
import Testing

/// The day every fixture report is built on.
let today = "2025-06-30"

/// Midnight UTC of a day, in ms since 1970.
func millis(_ day: String) -> Int64 { Int64(ReportDays.number(day)!) * 86_400_000 }

/// A record for reports, as the store would hand it over (display values only).
func record(
    _ id: String,
    office: String,
    status: String = "identified",
    tracks: [String],
    value: Double? = nil,
    opened: String? = nil,
    updated: String = "2025-06-01",
    conflicted: Bool = false,
    _ extra: [String: FieldValue] = [:]
) -> ReportRecord {
    var fields: [String: FieldValue] = [
        "type": .text("investment"), "title": .text("Record \(id)"), "office": .text(office),
        "status": .text(status), "tracks": .list(tracks.sorted()),
    ]
    if let value { fields["value_usd"] = .number(value) }
    if let opened { fields["opened_on"] = .text(opened) }
    fields.merge(extra) { _, new in new }
    return ReportRecord(id: id, fields: fields, conflicted: conflicted, updatedAt: millis(updated))
}

/// Builds a report through the bundled registry, as the CLI and server do.
func build(
    _ id: String,
    _ records: [ReportRecord],
    office: String? = nil,
    from: String? = "2024-01-01",
    to: String? = nil
) throws -> ReportDocument {
    try #require(
        BundledPlugins.registry.report(
            id,
            records: records,
            office: office,
            period: ReportPeriod(from: from, to: to),
            today: today,
            generatedAt: "2025-06-30T12:00:00Z"
        )
    )
}

extension ReportDocument {
    /// The value of the key figure labelled `label`.
    func figure(_ label: String) -> ReportValue? { keyFigures.first { $0.label == label }?.value }

    /// The note of the key figure labelled `label`.
    func note(_ label: String) -> String? { keyFigures.first { $0.label == label }?.note }

    /// The table with id `id`.
    func table(_ id: String) -> ReportTable? { tables.first { $0.id == id } }

    /// The cell of table `id` in the row whose first cell is `row` (or the totals row for
    /// `"Total"`) and the column titled `column`.
    func cell(_ id: String, _ row: String, _ column: String) -> ReportValue? {
        guard let table = table(id), let index = table.columns.firstIndex(where: { $0.title == column }) else {
            return nil
        }
        let found = row == "Total" ? table.totals : table.rows.first { $0.first == .text(row) }
        return found.map { table.fitted($0)[index] }
    }

    /// The chart with id `id`.
    func chart(_ id: String) -> ReportChart? { charts.first { $0.id == id } }
}

/// A real record state written at one replica.
func state(_ id: String, _ values: [String: FieldValue], replica: String = "mumbai.aaaaaa", at: Int64 = 1) -> RecordState {
    var state = RecordState(id: id)
    try! state.write(values, readContext: .empty, replica: replica, meta: WriteMeta(author: "test", at: at))
    return state
}
