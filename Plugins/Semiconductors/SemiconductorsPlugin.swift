public import LiaisonCore
public import LiaisonReports

/// The Semiconductors track: which segment of the chip value chain each record is in.
///
/// Field `semiconductors.segment`. Report `semiconductors`: pipeline value by segment ×
/// status, and by office.
public struct SemiconductorsPlugin: TrackPlugin {
    /// The segments, design first.
    public static let segments = ["design", "fabrication", "atmp_osat", "equipment", "materials", "talent"]

    public let id = "semiconductors"
    public let track = TrackDeclaration(id: "semiconductors", title: "Semiconductors")
    public let reportFields = ["semiconductors.segment"]

    public var fields: [FieldDeclaration] {
        [
            .track(
                id,
                "segment",
                label: "Segment",
                kind: .choice(Self.segments),
                help: "Design, fabrication, assembly/test/packaging (ATMP/OSAT), equipment, materials or talent."
            )
        ]
    }

    public var reports: [ReportDeclaration] {
        [
            ReportDeclaration(
                id: id,
                title: "Semiconductors pipeline",
                summary: "Pipeline value by segment and status, and by office."
            )
        ]
    }

    public init() {}

    public func report(_ id: String, input: ReportInput) -> ReportDocument? {
        guard id == self.id else { return nil }
        return SemiconductorsReport.build(input)
    }
}
