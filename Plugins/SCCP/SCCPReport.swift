import LiaisonCore
import LiaisonReports

/// Builds the `sccp` report.
///
/// - A workshop is a record with activity `workshop`; it is *held* when its date (`opened_on`,
///   else its last write) is today or earlier; attendance sums `sccp.attendance` of held ones.
/// - A barrier is a record with activity `conformity_barrier` or a barrier status; with no
///   status it counts as open. Its sector is the NAICS 2-digit sector; its age is the days
///   from `opened_on` (else its last write) to today. One dated after today is counted as
///   *not yet open*, not as a young barrier (a planned workshop may be dated ahead too).
enum SCCPReport {
    static func build(_ input: ReportInput) -> ReportDocument {
        var document = input.document(
            id: "sccp",
            title: "SCCP workshops and barriers",
            subtitle: "Standards and Conformance Cooperation Program: workshops held and attendance; "
                + "conformity barriers by sector and age."
        )

        var count = 0
        var workshops = 0
        var heldByOffice: [String: (held: Int, attendance: Int, chartAttendance: Double)] = [:]
        var barriers = 0
        var bySector: [String: [String: Int]] = [:]
        var sectorTotals: [String: Int] = [:]
        var unresolved = 0
        var oldest = 0
        var byAge = Array(repeating: [String: Int](), count: ReportDays.ageBuckets.count)
        for record in input.records {
            count += 1
            let activity = record.text("sccp.activity")
            if activity == "workshop" {
                workshops += 1
                if record.date <= input.today {
                    let attendance = record.number("sccp.attendance")
                    heldByOffice[record.office, default: (0, 0, 0)].held += 1
                    heldByOffice[record.office, default: (0, 0, 0)].attendance += Int(attendance ?? 0)
                    heldByOffice[record.office, default: (0, 0, 0)].chartAttendance += attendance ?? 0
                }
            }
            guard activity == "conformity_barrier" || record.text("sccp.barrier_status") != nil else { continue }
            barriers += 1
            let status = barrierStatus(record)
            let sector = NAICSSectors.name(ofCode: record.text("naics"))
            bySector[sector, default: [:]][status, default: 0] += 1
            sectorTotals[sector, default: 0] += 1
            guard status != "resolved" else { continue }
            unresolved += 1
            let age = ReportDays.age(of: record, today: input.today)
            oldest = max(oldest, age)
            byAge[ReportDays.bucket(ofAge: age)][status, default: 0] += 1
        }
        let held = heldByOffice.values.reduce(0) { $0 + $1.held }
        let sectors = sectorTotals.keys.sorted {
            ($0 == NAICSSectors.notGiven ? 1 : 0, $0) < ($1 == NAICSSectors.notGiven ? 1 : 0, $1)
        }
        func inSector(_ sector: String, _ status: String) -> Int { bySector[sector]?[status] ?? 0 }

        document.keyFigures = [
            KeyFigure("SCCP records", .count(count)),
            KeyFigure(
                "Workshops held",
                .count(held),
                note: workshops > held ? "\(workshops - held) more planned" : nil
            ),
            KeyFigure("Workshop attendance", .count(heldByOffice.values.reduce(0) { $0 + $1.attendance })),
            KeyFigure("Barriers open", .count(unresolved), note: "open or in progress"),
            KeyFigure("Barriers resolved", .count(barriers - unresolved)),
            KeyFigure("Oldest open barrier (days)", .count(oldest)),
        ]
        document.tables = [
            ReportTable(
                id: "workshops_by_office",
                title: "Workshops held by office",
                columns: ["Office", "Workshops", "Attendance"],
                rows: CoreSchema.offices.map { office in
                    let group = heldByOffice[office] ?? (0, 0, 0)
                    return [.text(ReportLabels.office(office)), .count(group.held), .count(group.attendance)]
                }
            ).withTotals(),
            ReportTable(
                id: "barriers_by_sector",
                title: "Conformity barriers by sector",
                columns: ["Sector", "Open", "In progress", "Resolved", "Total"],
                rows: sectors.map { sector in
                    [.text(sector)] + SCCPPlugin.barrierStatuses.map { .count(inSector(sector, $0)) }
                        + [.count(sectorTotals[sector] ?? 0)]
                }
            ).withTotals(),
            ReportTable(
                id: "open_barriers_by_age",
                title: "Open barriers by age (days since opened)",
                columns: ["Age", "Open", "In progress", "Total"],
                rows: ReportDays.ageBuckets.indices.map { index in
                    [
                        .text(ReportDays.ageBuckets[index].label),
                        .count(byAge[index]["open", default: 0]),
                        .count(byAge[index]["in_progress", default: 0]),
                        .count(byAge[index].values.reduce(0, +)),
                    ]
                }
            ).withTotals(),
        ]
        document.charts = [
            .bar(
                id: "attendance_by_office",
                title: "Workshop attendance by office",
                data: CoreSchema.offices.map { office in
                    (ReportLabels.office(office), heldByOffice[office]?.chartAttendance ?? 0)
                }
            ).under("workshops_by_office"),
            ReportChart(
                id: "barriers_by_sector",
                title: "Barriers by sector",
                kind: .stackedBar,
                categories: sectors,
                series: SCCPPlugin.barrierStatuses.map { status in
                    ChartSeries(ReportLabels.value(status), sectors.map { Double(inSector($0, status)) })
                }
            ),
            .bar(
                id: "open_barriers_by_age",
                title: "Open barriers by age",
                data: ReportDays.ageBuckets.indices.map { index in
                    (ReportDays.ageBuckets[index].label, Double(byAge[index].values.reduce(0, +)))
                }
            ),
        ]
        return document
    }

    static func barrierStatus(_ record: ReportRecord) -> String { record.text("sccp.barrier_status") ?? "open" }
}
