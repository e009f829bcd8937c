import Foundation
public import LiaisonCore

extension SampleDataGenerator {
    static let officeWeights: [(String, Int)] = [
        ("new-delhi", 22), ("mumbai", 22), ("chennai", 14), ("kolkata", 9), ("hyderabad", 12), ("bengaluru", 14),
        ("ahmedabad", 7),
    ]
    static let typeWeights: [String: [(String, Int)]] = [
        "critical_minerals": [
            ("investment", 25), ("joint_venture", 20), ("technology_partnership", 15),
            ("trade_lead", 20), ("mou_action_item", 15), ("export_success", 5),
        ],
        "semiconductors": [
            ("investment", 30), ("joint_venture", 15), ("technology_partnership", 25),
            ("trade_lead", 15), ("mou_action_item", 10), ("export_success", 5),
        ],
        "energy_industry": [
            ("investment", 25), ("joint_venture", 15), ("technology_partnership", 15),
            ("trade_lead", 25), ("export_success", 15), ("mou_action_item", 5),
        ],
        "innovation_handshake": [("investment", 40), ("technology_partnership", 25), ("trade_lead", 20), ("event", 15)],
        "ipef": [("mou_action_item", 30), ("trade_lead", 25), ("investment", 15), ("export_success", 15), ("event", 15)],
        "sccp": [("event", 35), ("mou_action_item", 35), ("trade_lead", 15), ("technology_partnership", 15)],
        "strategic_trade": [("event", 30), ("mou_action_item", 25), ("technology_partnership", 25), ("trade_lead", 20)],
        "trade_mission": [("trade_lead", 35), ("export_success", 30), ("event", 20), ("joint_venture", 15)],
    ]
    /// The track field whose value a title mentions.
    static let focusFields = [
        "critical_minerals": "mineral", "semiconductors": "segment", "energy_industry": "scep_pillar",
        "innovation_handshake": "technology_area", "ipef": "pillar", "sccp": "activity",
        "strategic_trade": "domain", "trade_mission": "participant_role",
    ]
    /// Status funnels: records opened in the last year, and older ones (more of them closed).
    static let recentStatuses: [(String, Int)] = [
        ("identified", 24), ("contacted", 22), ("in_discussion", 22), ("mou_signed", 9), ("closed_won", 10),
        ("closed_lost", 6), ("on_hold", 7),
    ]
    static let olderStatuses: [(String, Int)] = [
        ("identified", 8), ("contacted", 12), ("in_discussion", 18), ("mou_signed", 14), ("closed_won", 24),
        ("closed_lost", 15), ("on_hold", 9),
    ]

    /// The next sample state.
    public mutating func next() throws -> RecordState {
        let office = random.weighted(Self.officeWeights)
        let primary = trackIDs.isEmpty ? "" : random.pick(trackIDs)
        var tracks = primary.isEmpty ? [] : [primary]
        if random.percent(15), !trackIDs.isEmpty {
            let other = random.pick(trackIDs)
            if other != primary { tracks.append(other) }
        }
        tracks.sort()
        let type = random.weighted(Self.typeWeights[primary] ?? CoreSchema.types.map { ($0, 1) })
        let age = random.int(in: 0...729)
        let openedDay = todayDay - age
        let status = random.weighted(age > 365 ? Self.olderStatuses : Self.recentStatuses)
        let closed = status == "closed_won" || status == "closed_lost"
        let lastDay = closed ? min(todayDay, openedDay + random.int(in: 14...400)) : openedDay + random.int(in: 0...age)

        let names = SampleNames.sectors[primary] ?? (us: ["Industries"], indian: ["Industries"])
        let usName = "\(random.pick(SampleNames.usStems)) \(random.pick(names.us))"
        let inName = "\(random.pick(SampleNames.indianStems)) \(random.pick(names.indian))"
        let officer = random.pick(SampleNames.officers[office] ?? ["Duty Officer"])

        var values: [String: FieldValue] = [
            "type": .text(type),
            "office": .text(office),
            "tracks": .list(tracks),
            "us_party": .text("\(usName) \(random.pick(SampleNames.usSuffixes))"),
            "in_party": .text("\(inName) \(random.pick(SampleNames.indianSuffixes))"),
            "counterpart_agency": .text(random.pick(SampleNames.agencies[primary] ?? ["DPIIT"])),
            "naics": .text(random.pick(SampleNames.naics[primary] ?? ["541990"])),
            "opened_on": .text(SampleCalendar.date(openedDay)),
            "expected_close_on": .text(SampleCalendar.date(openedDay + random.int(in: 90...540))),
            "officer": .text(officer),
        ]
        let size = random.weighted(
            primary == "trade_mission"
                ? [("sme", 65), ("large", 30), ("unknown", 5)] : [("sme", 40), ("large", 50), ("unknown", 10)]
        )
        values["us_party_size"] = .text(size)
        values["underserved_owned"] = .bool(random.percent(size == "sme" ? 22 : 4))
        values["in_party_msme"] = .text(
            random.weighted(
                primary == "innovation_handshake"
                    ? [("micro", 35), ("small", 40), ("medium", 15), ("large", 5), ("unknown", 5)]
                    : [("micro", 10), ("small", 20), ("medium", 25), ("large", 35), ("unknown", 10)]
            )
        )
        let value = sampleValue(type: type, track: primary)
        if let value { values["value_usd"] = .number(Double(value)) }
        if random.percent(20) { values["notes"] = .text(random.pick(SampleNames.notes)) }
        for track in tracks { fillTrackFields(track, openedDay: openedDay, into: &values) }
        values["title"] = .text(title(us: usName, indian: inName, type: type, track: primary, values: values))

        // First write: the record as opened; second: where it stands now.
        let author = officer.lowercased().replacingOccurrences(of: " ", with: ".")
        let openedAt = millis(openedDay)
        let updatedAt = max(millis(lastDay), openedAt + 60_000)
        let idMillis = UInt64(openedAt)
        var state = RecordState(id: recordID(millis: idMillis))
        var update: [String: FieldValue] = [:]
        if status != "identified" { update["status"] = .text(status) }
        if closed { update["closed_on"] = .text(SampleCalendar.date(lastDay)) }
        if value != nil {
            update["value_basis"] = .text(
                random.weighted(
                    status == "closed_won"
                        ? [("verified", 55), ("client_reported", 35), ("estimate", 10)]
                        : [("estimate", 70), ("client_reported", 30)]
                )
            )
            values["value_basis"] = .text("estimate")
        }
        values["status"] = .text("identified")
        let created = keep(values)
        try state.write(created, readContext: state.context, replica: replica, meta: WriteMeta(author: author, at: openedAt))
        let later = keep(update)
        if !later.isEmpty {
            try state.write(later, readContext: state.context, replica: replica, meta: WriteMeta(author: author, at: updatedAt))
        }

        if random.percent(1) {
            try state.delete(
                readContext: state.context,
                replica: replica,
                meta: WriteMeta(author: author, at: updatedAt + 86_400_000)
            )
        } else if random.percent(3) {
            try addConflict(to: &state, author: author, after: updatedAt)
        }
        return state
    }

    /// A value in USD for a record of `type`, or `nil` (events and action items often have none).
    mutating func sampleValue(type: String, track: String) -> Int? {
        let none = ["event": 70, "mou_action_item": 50][type] ?? 5
        if random.percent(none) { return nil }
        let small = track == "trade_mission" || type == "export_success" || type == "trade_lead"
        let range = random.weighted(
            small
                ? [(20_000...250_000, 50), (250_000...2_000_000, 40), (2_000_000...15_000_000, 10)]
                : [
                    (50_000...500_000, 30), (500_000...5_000_000, 35), (5_000_000...50_000_000, 28),
                    (50_000_000...300_000_000, 7),
                ]
        )
        let raw = random.int(in: range)
        return raw >= 1_000_000 ? raw / 10_000 * 10_000 : raw / 1_000 * 1_000
    }

    /// Fills the declared fields of `track` with allowed values.
    mutating func fillTrackFields(_ track: String, openedDay: Int, into values: inout [String: FieldValue]) {
        for field in trackFields[track] ?? [] {
            // SCCP: attendance only for workshops, barrier status only for conformity barriers.
            if field.name == "sccp.attendance", values["sccp.activity"] != .text("workshop") { continue }
            if field.name == "sccp.barrier_status", values["sccp.activity"] != .text("conformity_barrier") { continue }
            switch field.kind {
            case .choice(let allowed):
                values[field.name] = .text(random.pick(allowed))
            case .choices(let allowed):
                values[field.name] = .list([random.pick(allowed)])
            case .integer(let low, let high):
                let lower = min(max(low, 15), high)
                values[field.name] = .number(Double(random.int(in: lower...max(lower, min(high, 350)))))
            case .text(let maxLength):
                let text = SampleNames.texts[field.name].map { random.pick($0) } ?? "\(field.label) \(random.int(in: 1...40))"
                values[field.name] = .text(String(text.prefix(maxLength)))
            case .bool:
                values[field.name] = .bool(random.percent(50))
            case .money:
                values[field.name] = .number(Double(random.int(in: 10...5_000) * 1_000))
            case .date:
                values[field.name] = .text(SampleCalendar.date(min(todayDay, openedDay + random.int(in: 0...180))))
            case .digits(let lengths):
                values[field.name] = .text(
                    String(
                        (0..<lengths.lowerBound).map { _ in
                            Character(String(random.int(below: 10)))
                        }
                    )
                )
            }
        }
    }

    /// A concurrent edit of one field from this replica and from the second replica, both
    /// against the same read context: the field shows as a conflict.
    mutating func addConflict(to state: inout RecordState, author: String, after time: Int64) throws {
        let read = state.context
        let field: String
        let first: FieldValue
        let second: FieldValue
        switch random.int(below: 3) {
        case 0 where state.displayValue(of: "value_usd")?.numberValue != nil:
            let value = Int(state.displayValue(of: "value_usd")!.numberValue!)
            field = "value_usd"
            first = .number(Double((value * 11 / 10) / 1_000 * 1_000 + 1_000))
            second = .number(Double((value * 9 / 10) / 1_000 * 1_000))
        case 1:
            let choices = ["in_discussion", "mou_signed", "closed_won", "on_hold"]
            let a = random.int(below: choices.count)
            field = "status"
            first = .text(choices[a])
            second = .text(choices[(a + 1 + random.int(below: choices.count - 1)) % choices.count])
        default:
            let day = todayDay + random.int(in: 30...200)
            field = "expected_close_on"
            first = .text(SampleCalendar.date(day))
            second = .text(SampleCalendar.date(day + random.int(in: 14...90)))
        }
        let at = max(time + 60_000, millis(min(todayDay, Int(time / SampleCalendar.millisPerDay) + random.int(in: 0...20))))
        try state.write([field: first], readContext: read, replica: replica, meta: WriteMeta(author: author, at: at))
        try state.write(
            [field: second],
            readContext: read,
            replica: otherReplica,
            meta: WriteMeta(author: "chennai.desk", at: at + Int64(random.int(in: 1...600)) * 60_000)
        )
    }

    /// A title such as `Cascade Lithium / Deccan Rare Earths: joint venture (lithium)`.
    func title(us: String, indian: String, type: String, track: String, values: [String: FieldValue]) -> String {
        let phrase = SampleNames.typePhrases[type] ?? type
        let choices = (trackFields[track] ?? []).filter { if case .choice = $0.kind { true } else { false } }
        let preferred = Self.focusFields[track].flatMap { name in choices.first { $0.name == "\(track).\(name)" } }
        let focus =
            (preferred ?? choices.first)
            .flatMap { values[$0.name]?.textValue }
            .map { " (\($0.replacingOccurrences(of: "_", with: " ")))" } ?? ""
        return String("\(us) / \(indian): \(phrase)\(focus)".prefix(200))
    }

    /// The fields of `values` the schema declares (so any schema can be given).
    func keep(_ values: [String: FieldValue]) -> [String: FieldValue] {
        values.filter { schema.field($0.key) != nil }
    }

    /// A time during Indian office hours (UTC 03:30 to 12:30) on `day`.
    mutating func millis(_ day: Int) -> Int64 {
        Int64(day) * SampleCalendar.millisPerDay + Int64(random.int(in: 210...750)) * 60_000
    }

    /// A UUIDv7-shaped id: 48 bits of `millis`, then random bits from the seeded generator.
    mutating func recordID(millis: UInt64) -> String {
        let high = random.next()
        let low = random.next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 { bytes[index] = UInt8((millis >> (8 * UInt64(5 - index))) & 0xff) }
        for index in 6..<16 {
            let word = index < 11 ? high : low
            bytes[index] = UInt8((word >> (8 * UInt64(index % 8))) & 0xff)
        }
        bytes[6] = (bytes[6] & 0x0f) | 0x70
        bytes[8] = (bytes[8] & 0x3f) | 0x80
        let digits = Array("0123456789abcdef")
        var text = ""
        for (index, byte) in bytes.enumerated() {
            if [4, 6, 8, 10].contains(index) { text.append("-") }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return text
    }
}
