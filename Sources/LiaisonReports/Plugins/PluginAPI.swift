public import LiaisonCore

/// A report a plugin offers.
public struct ReportDeclaration: Hashable, Sendable {
    /// The report id (`sccp`); a plugin's main report has the plugin's id.
    public let id: String
    /// Its title.
    public let title: String
    /// One sentence on what it answers.
    public let summary: String

    /// Declares a report.
    public init(id: String, title: String, summary: String) {
        self.id = id
        self.title = title
        self.summary = summary
    }
}

/// A track plugin: one track of the Commercial Dialogue, the fields it adds to records, and
/// its reports. A plugin sees only the records of its track, streamed once
/// (``ReportInput/records``), and returns documents; it never touches the store, the server or
/// the network, and never writes HTML or CSV.
///
/// Each plugin module exports one registration value (e.g. `SCCPPlugin()`), and the
/// executable lists them statically.
public protocol TrackPlugin: Sendable {
    /// The plugin id, which is also its track id and its main report's id (`sccp`).
    var id: String { get }
    /// The track it covers.
    var track: TrackDeclaration { get }
    /// The fields it adds to records, named `<track>.<field>`.
    var fields: [FieldDeclaration] { get }
    /// The fields its reports read beyond the facts every ``ReportRecord`` carries (office,
    /// status, value, tracks, date, last write, conflict): a store hands its reports these
    /// fields' display values and no others, from the report facts it keeps beside each record
    /// (docs/design.md §13).
    var reportFields: [String] { get }
    /// Its reports; the first is the main one, with id ``id``.
    var reports: [ReportDeclaration] { get }
    /// Builds report `id` from `input`, which holds the records of the plugin's track only,
    /// each carrying ``reportFields``; `nil` when the plugin has no such report.
    func report(_ id: String, input: ReportInput) -> ReportDocument?
}
