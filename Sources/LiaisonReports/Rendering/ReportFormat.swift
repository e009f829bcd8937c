import Foundation

/// The formats a report can be rendered to.
///
/// Parse one from user input with ``init(parsing:)``: `try ReportFormat(parsing: "html")`.
public enum ReportFormat: String, Sendable, Equatable, CaseIterable, Codable {
    /// Markdown (GitHub-flavoured tables).
    case md
    /// One self-contained HTML document with inline SVG charts.
    case html
    /// CSV sections, one per table (see ``CSVRenderer`` for one file per table).
    case csv
    /// The document itself as JSON.
    case json

    /// Parses a format name, ignoring case and surrounding spaces; `markdown` is accepted for `md`.
    ///
    /// - Throws: ``ReportFormatError`` naming the allowed formats.
    public init(parsing text: String) throws(ReportFormatError) {
        let name = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let format = ReportFormat(rawValue: name == "markdown" ? "md" : name) {
            self = format
        } else {
            throw ReportFormatError(given: text)
        }
    }

    /// The usual file extension, without the dot.
    public var fileExtension: String { rawValue }

    /// The HTTP content type of the rendered text.
    public var contentType: String {
        switch self {
        case .md: "text/markdown; charset=utf-8"
        case .html: "text/html; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        case .json: "application/json; charset=utf-8"
        }
    }
}

/// A report format name that is not one of ``ReportFormat``'s.
public struct ReportFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The name that was given.
    public var given: String

    /// Creates the error for a name that was given.
    public init(given: String) {
        self.given = given
    }

    /// `unknown report format 'xlsx'; allowed formats: md, html, csv, json`.
    public var description: String {
        let allowed = ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")
        return "unknown report format '\(given)'; allowed formats: \(allowed)"
    }
}
