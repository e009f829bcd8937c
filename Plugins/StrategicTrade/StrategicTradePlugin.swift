public import LiaisonCore
public import LiaisonReports

/// The Strategic Trade Dialogue: export-control outreach, licensing queries and
/// co-development in strategic technology domains.
///
/// Fields `strategic_trade.domain` and `.item`. Report `strategic_trade`: outreach counts,
/// open licensing queries by age, and everything by domain.
public struct StrategicTradePlugin: TrackPlugin {
    /// The technology domains.
    public static let domains = ["semiconductors", "space", "telecom", "quantum", "ai", "defence", "biotech"]
    /// The kinds of item.
    public static let items = ["outreach_workshop", "licensing_query", "co_development"]

    public let id = "strategic_trade"
    public let track = TrackDeclaration(id: "strategic_trade", title: "Strategic Trade Dialogue")
    public let reportFields = ["strategic_trade.item", "strategic_trade.domain"]

    public var fields: [FieldDeclaration] {
        [
            .track(
                id,
                "domain",
                label: "Technology domain",
                kind: .choice(Self.domains),
                help: "Semiconductors, space, telecom, quantum, AI, defence or biotech."
            ),
            .track(
                id,
                "item",
                label: "Item",
                kind: .choice(Self.items),
                help: "An export-control outreach workshop, a licensing query, or a co-development project."
            ),
        ]
    }

    public var reports: [ReportDeclaration] {
        [
            ReportDeclaration(
                id: id,
                title: "Strategic Trade Dialogue",
                summary: "Outreach workshops, open licensing queries by age, and items by technology domain."
            )
        ]
    }

    public init() {}

    public func report(_ id: String, input: ReportInput) -> ReportDocument? {
        guard id == self.id else { return nil }
        return StrategicTradeReport.build(input)
    }
}
