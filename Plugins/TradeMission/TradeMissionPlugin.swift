public import LiaisonCore
public import LiaisonReports

/// The trade-mission track: who took part in which mission, and what came of it.
///
/// Fields `trade_mission.mission` (free text: the mission's name) and
/// `trade_mission.participant_role`. Report `trade_mission`: SME and underserved-owned share,
/// participants and verified successes by office.
public struct TradeMissionPlugin: TrackPlugin {
    /// Participant roles, with their names for people.
    public static let roles: [(id: String, name: String)] = [
        ("us_exporter", "US exporter"), ("indian_buyer", "Indian buyer"),
        ("delegation_lead", "Delegation lead"), ("partner_agency", "Partner agency"),
    ]

    public let id = "trade_mission"
    public let track = TrackDeclaration(id: "trade_mission", title: "Trade Missions")
    public let reportFields = [
        "type", "value_basis", "us_party_size", "underserved_owned", "trade_mission.participant_role",
        "trade_mission.mission",
    ]

    public var fields: [FieldDeclaration] {
        [
            .track(
                "trade_mission",
                "mission",
                label: "Mission",
                kind: .text(maxLength: 200),
                help: "The trade mission's name, e.g. \"2025 Clean Energy Trade Mission to India\"."
            ),
            .track(
                "trade_mission",
                "participant_role",
                label: "Participant role",
                kind: .choice(Self.roles.map(\.id)),
                help: "The part this record's party plays in the mission."
            ),
        ]
    }

    public var reports: [ReportDeclaration] {
        [
            ReportDeclaration(
                id: id,
                title: "Trade missions",
                summary: "SME and underserved-owned share, participants and verified successes by office."
            )
        ]
    }

    public init() {}

    public func report(_ id: String, input: ReportInput) -> ReportDocument? {
        guard id == self.id else { return nil }
        return TradeMissionReport.build(input)
    }
}
