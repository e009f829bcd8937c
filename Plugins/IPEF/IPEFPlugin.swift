public import LiaisonCore
public import LiaisonReports

/// The Indo-Pacific Economic Framework track: which IPEF pillar each record serves.
///
/// Field `ipef.pillar`: supply_chains, clean_economy, fair_economy, trade.
/// Report `ipef`: record counts and USD value by pillar.
public struct IPEFPlugin: TrackPlugin {
    /// The pillars, in the order the framework lists them, with their names for people.
    public static let pillars: [(id: String, name: String)] = [
        ("supply_chains", "Supply chains"), ("clean_economy", "Clean economy"),
        ("fair_economy", "Fair economy"), ("trade", "Trade"),
    ]

    public let id = "ipef"
    public let track = TrackDeclaration(id: "ipef", title: "Indo-Pacific Economic Framework")
    public let reportFields = ["ipef.pillar"]

    public var fields: [FieldDeclaration] {
        [
            .track(
                "ipef",
                "pillar",
                label: "IPEF pillar",
                kind: .choice(Self.pillars.map(\.id)),
                help: "The IPEF pillar the work serves: supply chains, clean economy, fair economy or trade."
            )
        ]
    }

    public var reports: [ReportDeclaration] {
        [ReportDeclaration(id: id, title: "IPEF pillars", summary: "Records and USD value by IPEF pillar.")]
    }

    public init() {}

    public func report(_ id: String, input: ReportInput) -> ReportDocument? {
        guard id == self.id else { return nil }
        return IPEFReport.build(input)
    }
}
