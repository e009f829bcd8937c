public import LiaisonCore
public import LiaisonReports

/// The Energy-Industry Network track, organised by the pillars of the US-India Strategic
/// Clean Energy Partnership (SCEP).
///
/// Field `energy_industry.scep_pillar`: oil_gas, power_efficiency, renewable_energy,
/// sustainable_growth, emerging_fuels. Report `energy_industry`: pipeline value by pillar and office.
public struct EnergyIndustryPlugin: TrackPlugin {
    /// The SCEP pillars, with their names for people.
    public static let pillars: [(id: String, name: String)] = [
        ("oil_gas", "Oil and gas"), ("power_efficiency", "Power and energy efficiency"),
        ("renewable_energy", "Renewable energy"), ("sustainable_growth", "Sustainable growth"),
        ("emerging_fuels", "Emerging fuels"),
    ]

    public let id = "energy_industry"
    public let track = TrackDeclaration(id: "energy_industry", title: "Energy-Industry Network")
    public let reportFields = ["energy_industry.scep_pillar"]

    public var fields: [FieldDeclaration] {
        [
            .track(
                "energy_industry",
                "scep_pillar",
                label: "SCEP pillar",
                kind: .choice(Self.pillars.map(\.id)),
                help: "The Strategic Clean Energy Partnership pillar the work falls under."
            )
        ]
    }

    public var reports: [ReportDeclaration] {
        [
            ReportDeclaration(
                id: id,
                title: "Energy-Industry Network pipeline",
                summary: "Pipeline value by SCEP pillar and office."
            )
        ]
    }

    public init() {}

    public func report(_ id: String, input: ReportInput) -> ReportDocument? {
        guard id == self.id else { return nil }
        return EnergyIndustryReport.build(input)
    }
}
