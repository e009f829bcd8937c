import Hummingbird
import LiaisonCore
import LiaisonHTTP

/// The query parameters of a request, read with checks that name the bad parameter. Which
/// names a route takes is its ``APIRoute/queryParameters``, checked before it runs
/// (``QueryCheckMiddleware``).
struct QueryParameters {
    private let values: [String: String]
    /// The names, in the order the query gives them.
    private let names: [String]

    /// Reads the request's query as a form does (``FormEncoding``: `q=lithium+refinery` is two
    /// words); a parameter given twice, or whose name or value is not UTF-8 text once decoded
    /// (`q=%FF`, which would read as no search), is refused (400).
    init(_ request: Request) throws {
        let query = request.uri.query?[...] ?? ""
        for part in query.split(separator: "&") where !FormEncoding.isUTF8(part) {
            let name = FormEncoding.decode(part.prefix { $0 != "=" })
            throw APIError.badRequest("query parameter \"\(name.prefix(40))\" is not UTF-8 text once percent-decoded")
        }
        let pairs = FormEncoding.pairs(query)
        var values: [String: String] = [:]
        for (name, value) in pairs {
            guard values[name] == nil else { throw APIError.badRequest("query parameter \"\(name.prefix(40))\" is given twice") }
            values[name] = value
        }
        self.values = values
        self.names = pairs.map(\.name)
    }

    /// Refuses (400) a parameter outside `known`, naming it and the known ones.
    func refuseUnknown(_ known: Set<String>) throws {
        guard let unknown = names.first(where: { !known.contains($0) }) else { return }
        let takes = known.isEmpty ? "this route takes none" : "known: \(known.sorted().joined(separator: ", "))"
        throw APIError.badRequest("unknown query parameter \"\(unknown.prefix(40))\"; \(takes)")
    }

    /// The search text `name` (`q`), `nil` when absent or empty: an empty search is no search,
    /// as a search box sends it.
    func search(_ name: String) -> String? {
        values[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The value of `name`, `nil` when absent. An empty one (`?limit=`, `?cursor=`) is refused
    /// (400, naming it) rather than read as if it were left out, so a script whose variable came
    /// out empty learns it. `leftOut` says what leaving it out means.
    func value(_ name: String, leftOut: String = "the default") throws -> String? {
        guard let value = values[name] else { return nil }
        guard !value.isEmpty else {
            throw APIError(
                .badRequest,
                "query parameter \"\(name)\" is empty: give a value, or leave it out for \(leftOut)",
                fields: [(name, "is empty")]
            )
        }
        return value
    }

    /// The value of the filter `name` (`office`, `track`, ...), `nil` when absent; an empty one
    /// (`?office=`) is refused (400), as ``value(_:leftOut:)`` refuses any, rather than read as
    /// no filter and answered with everything.
    func filter(_ name: String) throws -> String? {
        try value(name, leftOut: "no filter")
    }

    /// The `cursor` of a paged route read by `place` (a page's `next`), or `nil` for the first
    /// page; one `place` cannot read is refused (400, naming it).
    func cursor<Place>(_ place: (String) -> Place?) throws -> Place? {
        guard let text = try value("cursor", leftOut: "the first page") else { return nil }
        guard let read = place(text) else {
            throw APIError.badRequest("query parameter \"cursor\" must be a page's next, got \"\(text.prefix(40))\"")
        }
        return read
    }

    /// An integer in `range`, or `fallback` when absent.
    func integer<T: FixedWidthInteger>(_ name: String, in range: ClosedRange<T>, default fallback: T) throws -> T {
        guard let text = try value(name) else { return fallback }
        guard let number = T(text), range.contains(number) else {
            throw APIError.badRequest(
                "query parameter \"\(name)\" must be an integer from \(range.lowerBound) to \(range.upperBound), got \"\(text.prefix(40))\""
            )
        }
        return number
    }

    /// One of `choices`, or `fallback` when absent.
    func choice(_ name: String, _ choices: [String], default fallback: String) throws -> String {
        guard let text = try value(name) else { return fallback }
        guard choices.contains(text) else {
            throw APIError.badRequest("query parameter \"\(name)\" must be one of \(choices.joined(separator: ", ")), got \"\(text.prefix(40))\"")
        }
        return text
    }

    /// Yes or no as ``YesNo`` reads it (`true`, `1`, `yes`, ...), or `false` when absent.
    func flag(_ name: String) throws -> Bool {
        guard let text = try value(name) else { return false }
        guard let flag = YesNo.parse(text) else {
            throw APIError.badRequest("query parameter \"\(name)\" \(YesNo.expectation), got \"\(text.prefix(40))\"")
        }
        return flag
    }
}
