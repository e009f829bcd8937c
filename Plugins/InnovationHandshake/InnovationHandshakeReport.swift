import Foundation
import LiaisonCore
import LiaisonReports

/// Builds the `innovation_handshake` report.
///
/// Definitions:
/// - a **start-up engaged** is a distinct Indian party (`in_party`, compared case-insensitively)
///   among the track's records; a record with no Indian party counts as one start-up of its own;
/// - an **investor introduction** is a record of type `investment` or `trade_lead` that has
///   gone past `identified` (any other status: the parties have been put in touch);
/// - a **deal** is a record with status `closed_won`; its value is `value_usd`.
enum InnovationHandshakeReport {
    static let technologyArea = "innovation_handshake.technology_area"
    static let startupStage = "innovation_handshake.startup_stage"
    static let event = "innovation_handshake.event"

    static func isIntroduction(_ record: ReportRecord) -> Bool {
        ["investment", "trade_lead"].contains(record.text("type") ?? "") && record.status != "identified"
    }

    static func isDeal(_ record: ReportRecord) -> Bool { record.status == "closed_won" }

    /// The start-up a record counts towards: its Indian party, trimmed and lowercased, or the
    /// record itself when it names none.
    static func startup(of record: ReportRecord) -> String {
        let name = trimmed(record.text("in_party") ?? "").lowercased()
        return name.isEmpty ? "#" + record.id : name
    }

    /// `text` without leading and trailing white space of Unicode category Zs and tabs (what
    /// Foundation's `CharacterSet.whitespaces` trims), without a round trip through Foundation.
    static func trimmed(_ text: String) -> Substring {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return Substring(scalars[first...last])
    }

    static func build(_ input: ReportInput) -> ReportDocument {
        var document = input.document(
            id: "innovation_handshake",
            title: "Innovation Handshake",
            subtitle: "Start-ups engaged, investor introductions (investment or trade-lead records past "
                + "'identified') and deals (closed won) by technology area."
        )
        var all = Group()
        var inArea: [String?: Group] = [:]
        var inStage: [String?: Group] = [:]
        var inEvent: [String: Group] = [:]
        var startups: [String: Int] = [:]
        for record in input.records {
            // Worked out once per record, as a number: it counts in several groups.
            let name = startup(of: record)
            let startup = startups[name] ?? startups.count
            if startup == startups.count { startups[name] = startup }
            all.add(record, startup: startup)
            inArea[record.text(technologyArea), default: Group()].add(record, startup: startup)
            inStage[record.text(startupStage), default: Group()].add(record, startup: startup)
            inEvent[record.text(event) ?? "Not set", default: Group()].add(record, startup: startup)
        }

        var areas = InnovationHandshakePlugin.technologyAreas.map { (id: Optional($0.id), name: $0.name) }
        if inArea[nil] != nil { areas.append((nil, "Not set")) }
        var stages = InnovationHandshakePlugin.startupStages.map { (id: Optional($0.id), name: $0.name) }
        if inStage[nil] != nil { stages.append((nil, "Not set")) }
        let events = inEvent.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }

        func row(_ name: String, _ group: Group) -> [ReportValue] {
            [
                .text(name), .count(group.count), .count(group.startups.count), .count(group.introductions),
                .count(group.deals.count), .money(group.deals.value),
            ]
        }
        let columns: [ReportColumn] = ["Records", "Start-ups", "Investor introductions", "Deals", "Deal value (USD)"]

        document.keyFigures = [
            KeyFigure("Start-ups engaged", .count(all.startups.count)),
            KeyFigure("Investor introductions", .count(all.introductions)),
            KeyFigure("Deals", .count(all.deals.count)),
            KeyFigure("Deal value", .money(all.deals.value)),
        ]
        let byArea = areas.map { area in (area.name, inArea[area.id] ?? Group()) }
        // One start-up may appear in several rows: the total is the distinct count, not the sum.
        func totalled(_ table: ReportTable) -> ReportTable {
            var table = table.withTotals()
            table.totals?[2] = .count(all.startups.count)
            return table
        }
        document.tables = [
            totalled(
                ReportTable(
                    id: "by_technology_area",
                    title: "By technology area",
                    columns: ["Technology area"] + columns,
                    rows: byArea.map(row)
                )
            ),
            totalled(
                ReportTable(
                    id: "by_startup_stage",
                    title: "By start-up stage",
                    columns: ["Start-up stage"] + columns,
                    rows: stages.map { stage in
                        row(stage.name, inStage[stage.id] ?? Group())
                    }
                )
            ),
            totalled(
                ReportTable(
                    id: "by_event",
                    title: "By Handshake event",
                    columns: ["Event"] + columns,
                    rows: events.map { row($0.key, $0.value) }
                )
            ),
        ]
        document.charts = [
            .bar(
                id: "deals_by_technology_area",
                title: "Deals by technology area",
                data: byArea.map { ($0.0, Double($0.1.deals.count)) }
            ).under("by_technology_area"),
            .funnel(
                id: "handshake_funnel",
                title: "From start-up to deal",
                stages: [
                    ("Start-ups engaged", all.startups.count),
                    ("Investor introductions", all.introductions), ("Deals", all.deals.count),
                ]
            )
            .under("by_startup_stage"),
        ]
        return document
    }

    /// The records of a technology area, start-up stage or event.
    struct Group {
        var count = 0
        /// The start-ups, by number.
        var startups: Set<Int> = []
        var introductions = 0
        var deals = RecordTally()

        mutating func add(_ record: ReportRecord, startup: Int) {
            count += 1
            startups.insert(startup)
            if isIntroduction(record) { introductions += 1 }
            if isDeal(record) { deals.add(record) }
        }
    }
}
