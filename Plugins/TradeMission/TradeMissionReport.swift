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
        var document = input.document(
            id: "trade_mission",
            title: "Trade missions",
            subtitle: "Participants, SME and underserved-owned share, and verified successes "
                + "(export successes, or closed won with a verified value) by office."
        )
        var all = Group()
        var byOffice: [String: Group] = [:]
        var inRole: [String?: Group] = [:]
        var inMission: [String: Group] = [:]
        for record in input.records {
            all.add(record)
            byOffice[record.office, default: Group()].add(record)
            inRole[record.text("trade_mission.participant_role"), default: Group()].add(record)
            inMission[record.text("trade_mission.mission") ?? "Not set", default: Group()].add(record)
        }

        let columns: [ReportColumn] = [
            "Participants", "SME", "SME share", "Underserved-owned", "Underserved-owned share",
            "Verified successes", "Verified value (USD)",
        ]
        let offices = CoreSchema.offices.filter { byOffice[$0] != nil }
        var roles = TradeMissionPlugin.roles.map { (id: Optional($0.id), name: $0.name) }
        if inRole[nil] != nil { roles.append((nil, "Not set")) }
        let missions = inMission.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }

        func withShares(_ table: ReportTable) -> ReportTable {
            var table = table.withTotals()
            if var totals = table.totals {
                let shares = all.counts
                totals[3] = shares[2]
                totals[5] = shares[4]
                table.totals = totals
            }
            return table
        }

        document.keyFigures = [
            KeyFigure("Participants", .count(all.count)),
            KeyFigure("SME share", share(all.sme, of: all.count)),
            KeyFigure("Underserved-owned share", share(all.underserved, of: all.count)),
            KeyFigure("Verified successes", .count(all.wins.count)),
            KeyFigure("Verified success value", .money(all.wins.value)),
        ]
        document.tables = [
            withShares(
                ReportTable(
                    id: "by_office",
                    title: "Participants and verified successes by office",
                    columns: ["Office"] + columns,
                    rows: offices.map { office in [.text(ReportLabels.office(office))] + (byOffice[office] ?? Group()).counts }
                )
            ),
            withShares(
                ReportTable(
                    id: "by_role",
                    title: "By participant role",
                    columns: ["Role"] + columns,
                    rows: roles.map { role in [.text(role.name)] + (inRole[role.id] ?? Group()).counts }
                )
            ),
            withShares(
                ReportTable(
                    id: "by_mission",
                    title: "By mission",
                    columns: ["Mission"] + columns,
                    rows: missions.map { [.text($0.key)] + $0.value.counts }
                )
            ),
        ]
        document.charts = [
            .bar(
                id: "participants_by_office",
                title: "Participants by office",
                data: offices.map { office in (ReportLabels.office(office), Double(byOffice[office]?.count ?? 0)) }
            )
            .under("by_office"),
            ReportChart(
                id: "successes_by_office",
                title: "Verified successes by office",
                kind: .stackedBar,
                categories: offices.map(ReportLabels.office),
                series: [
                    ChartSeries("SME", offices.map { Double(byOffice[$0]?.smeWins ?? 0) }),
                    ChartSeries("Other", offices.map { Double((byOffice[$0]?.wins.count ?? 0) - (byOffice[$0]?.smeWins ?? 0)) }),
                ]
            ).under("by_office"),
        ]
        return document
    }

    /// The participants of an office, role or mission.
    struct Group {
        var count = 0
        var sme = 0
        var underserved = 0
        var wins = RecordTally()
        var smeWins = 0

        mutating func add(_ record: ReportRecord) {
            count += 1
            if isSME(record) { sme += 1 }
            if isUnderserved(record) { underserved += 1 }
            if isVerifiedSuccess(record) {
                wins.add(record)
                if isSME(record) { smeWins += 1 }
            }
        }

        /// Participants, SME, SME share, underserved-owned, its share, verified successes and their value.
        var counts: [ReportValue] {
            [
                .count(count), .count(sme), share(sme, of: count), .count(underserved), share(underserved, of: count),
                .count(wins.count), .money(wins.value),
            ]
        }
    }
}
