import LiaisonCore

/// The core overview report: office × track counts, the status funnel, pipeline value,
/// stale records and open conflicts, across every track.
public enum OverviewReport {
    /// Its declaration; its id is `overview`.
    public static let declaration = ReportDeclaration(
        id: "overview", title: "Overview", summary: "Every office and track at a glance.")

    /// Builds the overview.
    public static func build(_ input: ReportInput, schema: Schema) -> ReportDocument {
        input.document(id: declaration.id, title: declaration.title)
    }
}
