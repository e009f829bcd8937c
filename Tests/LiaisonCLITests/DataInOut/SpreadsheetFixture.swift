import Foundation

/// A spreadsheet as an office keeps one and Excel saves it ("CSV UTF-8", semicolons as in
/// many locales): a byte-order mark, quoted cells with doubled quotes, semicolons and line
/// breaks inside, dd/mm/yyyy dates, enums as people write them, tracks split by `;` or `,`.
enum SpreadsheetFixture {
    static let header = [
        "Title", "Type", "Status", "Office", "Tracks", "Value USD", "Opened On", "US Party",
        "Underserved Owned", "Notes", "critical_minerals.mineral",
    ]
    static let statuses = ["Identified", "contacted", "In Discussion", "MOU Signed", "Closed Won", "closed lost", "On Hold"]
    static let offices = ["New Delhi", "Mumbai", "chennai", "KOLKATA", "Hyderabad", "Bengaluru", "Ahmedabad"]
    static let types = ["Investment", "Joint Venture", "technology partnership", "Trade Lead", "Export Success"]

    /// `rows` data rows; `bad` maps a row index (0-based) to a column and its bad cell.
    static func csv(rows: Int, bad: [Int: (column: String, value: String)] = [:]) -> Data {
        var lines = [header.joined(separator: ";")]
        for index in 0..<rows {
            let minerals = index % 3 == 0
            var cells = [
                index % 10 == 0 ? "\"Deal \(index): \"\"Lithium\"\" JV; phase 2\"" : "Deal \(index)",
                types[index % types.count],
                statuses[index % statuses.count],
                offices[index % offices.count],
                minerals ? "\"Critical Minerals; semiconductors\"" : (index % 2 == 0 ? "SCCP" : "\"ipef, Trade Mission\""),
                index % 4 == 0 ? "" : String(1_000 * (index + 1)),
                String(format: "%02d/%02d/2025", index % 28 + 1, index % 12 + 1),
                index % 5 == 0 ? "\"Acme, Inc.\"" : "Firm \(index)",
                index % 2 == 0 ? "Yes" : "no",
                index % 7 == 0 ? "\"First line\r\nsecond line\"" : "",
                minerals ? (index % 2 == 0 ? "Lithium" : "rare earths") : "",
            ]
            if let (column, value) = bad[index], let position = header.firstIndex(of: column) { cells[position] = value }
            lines.append(cells.joined(separator: ";"))
        }
        return Data([0xEF, 0xBB, 0xBF] + Array((lines.joined(separator: "\r\n") + "\r\n").utf8))
    }
}
