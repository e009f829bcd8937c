import LiaisonReports

/// A piece of HTML. Interpolated `String`s are always escaped; only other `HTML` values are
/// inserted as they are, so text from records, forms or tokens can never become markup.
///
/// ```swift
/// let title = "R&D <JV>"
/// let cell: HTML = "<td>\(title)</td>"      // <td>R&amp;D &lt;JV&gt;</td>
/// ```
struct HTML: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The markup.
    let text: String

    /// Markup taken as it is: for trusted constants and renderer output only.
    init(raw text: String) { self.text = text }

    init(stringLiteral value: String) { text = value }

    init(stringInterpolation: StringInterpolation) { text = stringInterpolation.text }

    var description: String { text }

    /// Nothing.
    static let empty = HTML(raw: "")

    /// Escapes text for element content and double- or single-quoted attribute values.
    static func escape(_ text: String) -> String {
        XMLText.escape(text)
    }

    struct StringInterpolation: StringInterpolationProtocol {
        var text = ""

        init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity * 2)
        }

        mutating func appendLiteral(_ literal: String) { text += literal }
        mutating func appendInterpolation(_ value: String) { text += HTML.escape(value) }
        mutating func appendInterpolation(_ value: String?) { text += HTML.escape(value ?? "") }
        mutating func appendInterpolation(_ value: Int) { text += String(value) }
        mutating func appendInterpolation(_ value: HTML) { text += value.text }
        mutating func appendInterpolation(_ value: HTML?) { text += value?.text ?? "" }
        mutating func appendInterpolation(_ values: [HTML]) { text += values.map(\.text).joined(separator: "\n") }
    }
}

extension HTML {
    /// ` attr` when `on`, else nothing (`checked`, `selected`, `hidden`).
    static func flag(_ name: StaticString, _ on: Bool) -> HTML {
        on ? HTML(raw: " \(name)") : .empty
    }

    /// `values` joined into one piece.
    static func join(_ values: [HTML], separator: String = "") -> HTML {
        HTML(raw: values.map(\.text).joined(separator: separator))
    }
}
