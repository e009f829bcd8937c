public import LiaisonCore
public import LiaisonReports

/// The US-India Innovation Handshake track: start-ups, investors and the Handshake events
/// that bring them together.
///
/// Fields `innovation_handshake.technology_area`, `.startup_stage` and `.event` (free text:
/// the Handshake event). Report `innovation_handshake`: start-ups engaged, investor
/// introductions, deals by technology area.
public struct InnovationHandshakePlugin: TrackPlugin {
    /// Technology areas, with their names for people.
    public static let technologyAreas: [(id: String, name: String)] = [
        ("ai", "AI"), ("quantum", "Quantum"), ("biotech", "Biotech"), ("cleantech", "Clean tech"),
        ("space", "Space"), ("fintech", "Fintech"), ("semiconductors", "Semiconductors"), ("other", "Other"),
    ]
    /// Start-up stages, earliest first, with their names for people.
    public static let startupStages: [(id: String, name: String)] = [
        ("pre_seed", "Pre-seed"), ("seed", "Seed"), ("series_a", "Series A"),
        ("series_b_plus", "Series B+"), ("growth", "Growth"),
    ]

    public let id = "innovation_handshake"
    public let track = TrackDeclaration(id: "innovation_handshake", title: "Innovation Handshake")
    public let reportFields = [
        "type", "in_party", "innovation_handshake.technology_area", "innovation_handshake.startup_stage",
        "innovation_handshake.event",
    ]

    public var fields: [FieldDeclaration] {
        [
            .track(
                "innovation_handshake",
                "technology_area",
                label: "Technology area",
                kind: .choice(Self.technologyAreas.map(\.id)),
                help: "The start-up's main technology."
            ),
            .track(
                "innovation_handshake",
                "startup_stage",
                label: "Start-up stage",
                kind: .choice(Self.startupStages.map(\.id)),
                help: "The start-up's funding stage."
            ),
            .track(
                "innovation_handshake",
                "event",
                label: "Handshake event",
                kind: .text(maxLength: 200),
                help: "The Innovation Handshake event where the parties met."
            ),
        ]
    }

    public var reports: [ReportDeclaration] {
        [
            ReportDeclaration(
                id: id,
                title: "Innovation Handshake",
                summary: "Start-ups engaged, investor introductions and deals by technology area."
            )
        ]
    }

    public init() {}

    public func report(_ id: String, input: ReportInput) -> ReportDocument? {
        guard id == self.id else { return nil }
        return InnovationHandshakeReport.build(input)
    }
}
