public import LiaisonReports

extension ReportFormat {
    /// The format a request's `format` names, or `default` when it names none: the API's
    /// `GET /v1/reports/{id}` and the page's report downloads read it alike.
    ///
    /// ```swift
    /// let format = try ReportFormat(query: query["format"], default: .csv)
    /// ```
    /// - Throws: ``APIError`` 400 naming the name given and the formats there are.
    public init(query name: String?, default: ReportFormat) throws(APIError) {
        guard let name else {
            self = `default`
            return
        }
        do { self = try ReportFormat(parsing: name) } catch { throw APIError.badRequest(error.description) }
    }
}
