extension APIRoute {
    /// The API's path patterns with the methods served at each, sorted (`GET`, `POST`).
    private static let methodsByPath: [(pattern: String, segments: [Substring], methods: [String])] =
        Dictionary(grouping: allCases, by: \.path).map { path, routes in
            (path, path.split(separator: "/"), routes.map(\.method).sorted())
        }

    /// The path pattern of the API that a requested `path` (`/v1/records/0190f3a2-…`) falls
    /// under, and the methods its routes serve; `nil` for a path outside the API. A `{name}`
    /// segment matches any one segment; of two patterns that match, the one with more fixed
    /// segments wins, as in the router.
    static func methods(at path: String) -> (pattern: String, methods: [String])? {
        let requested = path.split(separator: "/")
        let matching = methodsByPath.filter { entry in
            entry.segments.count == requested.count
                && zip(entry.segments, requested).allSatisfy { pattern, segment in pattern.first == "{" || pattern == segment }
        }
        let best = matching.max { fixedSegments($0.segments) < fixedSegments($1.segments) }
        return best.map { ($0.pattern, $0.methods) }
    }

    private static func fixedSegments(_ segments: [Substring]) -> Int {
        segments.count { $0.first != "{" }
    }
}
