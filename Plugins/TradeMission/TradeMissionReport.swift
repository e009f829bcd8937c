import LiaisonCore
import LiaisonReports

/// Builds the `trade_mission` report.
///
/// Definitions:
/// - a **participant** is a record in the track;
/// - the **SME share** is the fraction of participants with `us_party_size = sme`, the
///   **underserved-owned share** the fraction with `underserved_owned = true` (both over all participants);
/// - a **verified success** is a record of type `export_success`, or one closed won whose value
///   basis is `verified`; its value is `value_usd`.
enum TradeMissionReport {
    static func isSME(_ record: ReportRecord) -> Bool { record.text("us_party_size") == "sme" }
    static func isUnderserved(_ record: ReportRecord) -> Bool { record.flag("underserved_owned") == true }
    static func isVerifiedSuccess(_ record: ReportRecord) -> Bool {
        record.text("type") == "export_success"
            || (record.status == "closed_won" && record.text("value_basis") == "verified")
    }

    static func share(_ part: Int, of whole: Int) -> ReportValue { whole == 0 ? .empty : .percent(Double(part) / Double(whole)) }

    static func build(_ input: ReportInput) -> ReportDocument {
        let records = input.records
        var document = input.document(
            id: "trade_mission", title: "Trade missions",
            subtitle: "Participants, SME and underserved-owned share, and verified successes "
                + "(export successes, or closed won with a verified value) by office.")
        let successes = records.filter(isVerifiedSuccess)
        func value(_ records: [ReportRecord]) -> Double { records.reduce(0) { $0 + $1.valueUSD } }

        func counts(_ group: [ReportRecord]) -> [ReportValue] {
            let sme = group.filter(isSME).count
            let underserved = group.filter(isUnderserved).count
            let wins = group.filter(isVerifiedSuccess)
            return [.count(group.count), .count(sme), share(sme, of: group.count), .count(underserved),
                    share(underserved, of: group.count), .count(wins.count), .money(value(wins))]
        }
        let columns: [ReportColumn] = [
            "Participants", "SME", "SME share", "Underserved-owned", "Underserved-owned share",
            "Verified successes", "Verified value (USD)",
        ]
        let offices = CoreSchema.offices.filter { office in records.contains { $0.office == office } }
        var roles = TradeMissionPlugin.roles.map { (id: Optional($0.id), name: $0.name) }
        if records.contains(where: { $0.text("trade_mission.participant_role") == nil }) { roles.append((nil, "Not set")) }
        let missions = Dictionary(grouping: records) { $0.text("trade_mission.mission") ?? "Not set" }
            .sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }

        func withShares(_ table: ReportTable) -> ReportTable {
            var table = table.withTotals()
            if var totals = table.totals {
                let all = counts(records)
                totals[3] = all[2]
                totals[5] = all[4]
                table.totals = totals
            }
            return table
        }

        document.keyFigures = [
            KeyFigure("Participants", .count(records.count)),
            KeyFigure("SME share", share(records.filter(isSME).count, of: records.count)),
            KeyFigure("Underserved-owned share", share(records.filter(isUnderserved).count, of: records.count)),
            KeyFigure("Verified successes", .count(successes.count)),
            KeyFigure("Verified success value", .money(value(successes))),
        ]
        let inRole = Dictionary(grouping: records) { $0.text("trade_mission.participant_role") }
        document.tables = [
            withShares(ReportTable(
                id: "by_office", title: "Participants and verified successes by office",
                columns: ["Office"] + columns,
                rows: offices.map { office in [.text(ReportLabels.office(office))] + counts(records.filter { $0.office == office }) })),
            withShares(ReportTable(
                id: "by_role", title: "By participant role", columns: ["Role"] + columns,
                rows: roles.map { role in [.text(role.name)] + counts(inRole[role.id] ?? []) })),
            withShares(ReportTable(
                id: "by_mission", title: "By mission", columns: ["Mission"] + columns,
                rows: missions.map { [.text($0.key)] + counts($0.value) })),
        ]
        document.charts = [
            .bar(id: "participants_by_office", title: "Participants by office",
                 data: offices.map { office in (ReportLabels.office(office), Double(records.filter { $0.office == office }.count)) }).under("by_office"),
            ReportChart(
                id: "successes_by_office", title: "Verified successes by office", kind: .stackedBar,
                categories: offices.map(ReportLabels.office),
                series: [
                    ChartSeries("SME", offices.map { office in
                        Double(successes.filter { $0.office == office && isSME($0) }.count)
                    }),
                    ChartSeries("Other", offices.map { office in
                        Double(successes.filter { $0.office == office && !isSME($0) }.count)
                    }),
                ]).under("by_office"),
        ]
        return document
    }
}
