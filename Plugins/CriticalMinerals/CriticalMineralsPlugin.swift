public import LiaisonCore
public import LiaisonReports

/// The Critical Minerals track: which mineral, which stage of the value chain, and what kind
/// of cooperation each record is about.
///
/// Fields `critical_minerals.mineral`, `.stage` and `.kind`. Report `critical_minerals`: a
/// mineral × stage grid of records and USD value, and the status funnel.
public struct CriticalMineralsPlugin: TrackPlugin {
    /// The minerals, in the order the report lists them.
    public static let minerals = ["lithium", "cobalt", "nickel", "graphite", "rare_earths", "copper", "manganese", "other"]
    /// The value-chain stages, upstream first.
    public static let stages = ["exploration", "extraction", "processing_refining", "recycling_recovery"]
    /// The kinds of cooperation.
    public static let kinds = ["equipment", "services", "policy", "best_practice"]

    public let id = "critical_minerals"
    public let track = TrackDeclaration(id: "critical_minerals", title: "Critical Minerals")
    public let reportFields = ["critical_minerals.mineral", "critical_minerals.stage"]

    public var fields: [FieldDeclaration] {
        [
            .track(
                id,
                "mineral",
                label: "Mineral",
                kind: .choice(Self.minerals),
                help: "The mineral the work concerns; 'other' for any not listed."
            ),
            .track(
                id,
                "stage",
                label: "Value-chain stage",
                kind: .choice(Self.stages),
                help: "Exploration, extraction, processing and refining, or recycling and recovery."
            ),
            .track(
                id,
                "kind",
                label: "Kind of cooperation",
                kind: .choice(Self.kinds),
                help: "Equipment or services sold, policy dialogue, or best-practice exchange."
            ),
        ]
    }

    public var reports: [ReportDeclaration] {
        [
            ReportDeclaration(
                id: id,
                title: "Critical minerals pipeline",
                summary: "Records and USD value by mineral and value-chain stage, and the status funnel."
            )
        ]
    }

    public init() {}

    public func report(_ id: String, input: ReportInput) -> ReportDocument? {
        guard id == self.id else { return nil }
        return CriticalMineralsReport.build(input)
    }
}
