import LiaisonCore
import LiaisonReports

/// Builds the `sccp` report.
///
/// - A workshop is a record with activity `workshop`; it is *held* when its date (`opened_on`,
///   else its last write) is today or earlier; attendance sums `sccp.attendance` of held ones.
/// - A barrier is a record with activity `conformity_barrier` or a barrier status; with no
///   status it counts as open. Its sector is the NAICS 2-digit sector; its age is the days
///   from `opened_on` (else its last write) to today.
enum SCCPReport {
    static func build(_ input: ReportInput) -> ReportDocument {
        let records = input.records
        var document = input.document(
            id: "sccp", title: "SCCP workshops and barriers",
            subtitle: "Standards and Conformance Cooperation Program: workshops held and attendance; "
                + "conformity barriers by sector and age.")

        let workshops = records.filter { $0.text("sccp.activity") == "workshop" }
        let held = workshops.filter { $0.date <= input.today }
        let attendance = held.reduce(0) { $0 + Int($1.number("sccp.attendance") ?? 0) }
        let barriers = records.filter {
            $0.text("sccp.activity") == "conformity_barrier" || $0.text("sccp.barrier_status") != nil
        }
        let unresolved = barriers.filter { barrierStatus($0) != "resolved" }
        let ages = unresolved.map { age($0, today: input.today) }

        document.keyFigures = [
            KeyFigure("SCCP records", .count(records.count)),
            KeyFigure("Workshops held", .count(held.count),
                      note: workshops.count > held.count ? "\(workshops.count - held.count) more planned" : nil),
            KeyFigure("Workshop attendance", .count(attendance)),
            KeyFigure("Barriers open", .count(unresolved.count), note: "open or in progress"),
            KeyFigure("Barriers resolved", .count(barriers.count - unresolved.count)),
            KeyFigure("Oldest open barrier (days)", .count(ages.max() ?? 0)),
        ]
        document.tables = [
            workshopTable(held),
            sectorTable(barriers),
            ageTable(unresolved, today: input.today),
        ]
        let sectors = sectorRows(barriers)
        document.charts = [
            .bar(id: "attendance_by_office", title: "Workshop attendance by office",
                 data: CoreSchema.offices.map { office in
                     (ReportLabels.office(office),
                      held.filter { $0.office == office }.reduce(0) { $0 + ($1.number("sccp.attendance") ?? 0) })
                 }).under("workshops_by_office"),
            ReportChart(
                id: "barriers_by_sector", title: "Barriers by sector", kind: .stackedBar,
                categories: sectors.map(\.name),
                series: SCCPPlugin.barrierStatuses.map { status in
                    ChartSeries(ReportLabels.value(status), sectors.map { sector in
                        Double(sector.records.filter { barrierStatus($0) == status }.count)
                    })
                }),
            .bar(id: "open_barriers_by_age", title: "Open barriers by age",
                 data: ReportDays.ageBuckets.indices.map { index in
                     (ReportDays.ageBuckets[index].label,
                      Double(ages.filter { ReportDays.bucket(ofAge: $0) == index }.count))
                 }),
        ]
        return document
    }

    static func barrierStatus(_ record: ReportRecord) -> String { record.text("sccp.barrier_status") ?? "open" }

    static func age(_ record: ReportRecord, today: String) -> Int {
        max(ReportDays.between(record.date, and: today) ?? 0, 0)
    }

    static func workshopTable(_ held: [ReportRecord]) -> ReportTable {
        let byOffice = Dictionary(grouping: held, by: \.office)
        return ReportTable(
            id: "workshops_by_office", title: "Workshops held by office",
            columns: ["Office", "Workshops", "Attendance"],
            rows: CoreSchema.offices.map { office in
                let group = byOffice[office] ?? []
                return [
                    .text(ReportLabels.office(office)), .count(group.count),
                    .count(group.reduce(0) { $0 + Int($1.number("sccp.attendance") ?? 0) }),
                ]
            }
        ).withTotals()
    }

    static func sectorRows(_ barriers: [ReportRecord]) -> [(name: String, records: [ReportRecord])] {
        Dictionary(grouping: barriers) { NAICSSectors.name(ofCode: $0.text("naics")) }
            .map { (name: $0.key, records: $0.value) }
            .sorted { ($0.name == NAICSSectors.notGiven ? 1 : 0, $0.name) < ($1.name == NAICSSectors.notGiven ? 1 : 0, $1.name) }
    }

    static func sectorTable(_ barriers: [ReportRecord]) -> ReportTable {
        ReportTable(
            id: "barriers_by_sector", title: "Conformity barriers by sector",
            columns: ["Sector", "Open", "In progress", "Resolved", "Total"],
            rows: sectorRows(barriers).map { sector in
                [.text(sector.name)]
                    + SCCPPlugin.barrierStatuses.map { status in
                        .count(sector.records.filter { barrierStatus($0) == status }.count)
                    }
                    + [.count(sector.records.count)]
            }
        ).withTotals()
    }

    static func ageTable(_ unresolved: [ReportRecord], today: String) -> ReportTable {
        let byBucket = Dictionary(grouping: unresolved) { ReportDays.bucket(ofAge: age($0, today: today)) }
        return ReportTable(
            id: "open_barriers_by_age", title: "Open barriers by age (days since opened)",
            columns: ["Age", "Open", "In progress", "Total"],
            rows: ReportDays.ageBuckets.indices.map { index in
                let group = byBucket[index] ?? []
                return [
                    .text(ReportDays.ageBuckets[index].label),
                    .count(group.filter { barrierStatus($0) == "open" }.count),
                    .count(group.filter { barrierStatus($0) == "in_progress" }.count),
                    .count(group.count),
                ]
            }
        ).withTotals()
    }
}
