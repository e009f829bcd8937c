public import LiaisonCore
public import LiaisonReports

/// The Standards and Conformance Cooperation Program: workshops, standards alignment,
/// conformity-assessment barriers and regulatory comments.
///
/// Fields `sccp.activity`, `.topic` (free text), `.counterpart` (a choice of standards and
/// industry bodies, so reports can group by it), `.barrier_status` and `.attendance`.
/// Report `sccp`: workshops held and attendance; barriers open and resolved by sector and age.
public struct SCCPPlugin: TrackPlugin {
    /// The kinds of SCCP activity.
    public static let activities = ["workshop", "standards_alignment", "conformity_barrier", "regulatory_comment"]
    /// The standards bodies, regulators and industry associations SCCP works with.
    public static let counterparts = [
        "BIS", "ANSI", "ASTM", "UL", "NIST", "IEEE", "CII", "FICCI", "QCI", "TEC", "CDSCO", "FSSAI", "other",
    ]
    /// Where a conformity barrier stands.
    public static let barrierStatuses = ["open", "in_progress", "resolved"]

    public let id = "sccp"
    public let track = TrackDeclaration(id: "sccp", title: "Standards and Conformance Cooperation Program")
    public let reportFields = ["sccp.activity", "sccp.barrier_status", "sccp.attendance", "naics"]

    public var fields: [FieldDeclaration] {
        [
            .track(
                id,
                "activity",
                label: "Activity",
                kind: .choice(Self.activities),
                help: "Workshop, standards alignment, conformity-assessment barrier, or regulatory comment."
            ),
            .track(
                id,
                "topic",
                label: "Topic",
                kind: .text(maxLength: 200),
                help: "The standard or regulation concerned, e.g. 'BIS QCO for medical devices'."
            ),
            .track(
                id,
                "counterpart",
                label: "Counterpart body",
                kind: .choice(Self.counterparts),
                help: "The standards body, regulator or association: BIS, ANSI, CII, ... or 'other'."
            ),
            .track(
                id,
                "barrier_status",
                label: "Barrier status",
                kind: .choice(Self.barrierStatuses),
                help: "For conformity barriers: open, in progress, or resolved."
            ),
            .track(
                id,
                "attendance",
                label: "Attendance",
                kind: .integer(min: 0, max: 100_000),
                help: "For workshops: the number of people who attended."
            ),
        ]
    }

    public var reports: [ReportDeclaration] {
        [
            ReportDeclaration(
                id: id,
                title: "SCCP workshops and barriers",
                summary: "Workshops held and their attendance; conformity barriers open and resolved by sector and age."
            )
        ]
    }

    public init() {}

    public func report(_ id: String, input: ReportInput) -> ReportDocument? {
        guard id == self.id else { return nil }
        return SCCPReport.build(input)
    }
}
