public import LiaisonCore

extension RecordQuery {
    /// Checks the filters against the schema, so that a mistyped office, status or track is an
    /// error naming the value rather than a list that is silently empty (or, matched as a
    /// pattern, silently everything), and the number of words of a search.
    /// - Throws: `ValidationError` naming each bad filter and its value.
    public func check(against schema: Schema) throws(ValidationError) {
        var issues: [ValidationError.Issue] = []
        func check(_ field: String, _ value: FieldValue?) {
            guard let value else { return }
            do { _ = try schema.check(field: field, value: value) } catch { issues += error.issues }
        }
        check("office", office.map(FieldValue.text))
        check("status", status.map(FieldValue.text))
        check("tracks", track.map { .list([$0]) })
        if let problem = searchWordsProblem { issues.append(.init(field: "q", message: problem)) }
        guard issues.isEmpty else { throw ValidationError(issues: issues) }
    }
}
