import LiaisonBundledPlugins
import LiaisonCore
import LiaisonReports
import Testing

@Suite struct RegistryAndValidationTests {
    let schema = BundledPlugins.schema

    @Test func pluginsAreListedSortedByID() {
        let ids = BundledPlugins.registry.plugins.map(\.id)
        #expect(
            ids == [
                "critical_minerals", "energy_industry", "innovation_handshake", "ipef", "sccp", "semiconductors",
                "strategic_trade", "trade_mission",
            ]
        )
        #expect(BundledPlugins.registry.reports.first?.id == "overview")
        for plugin in BundledPlugins.registry.plugins {
            #expect(plugin.track.id == plugin.id)
            #expect(plugin.reports.first?.id == plugin.id)
            #expect(plugin.fields.allSatisfy { $0.track == plugin.id && $0.name.hasPrefix(plugin.id + ".") })
        }
    }

    /// Each plugin's report is built from its own track's records: its provisional count is
    /// that track's records in conflict, while the overview counts every record's.
    @Test func eachPluginCountsItsOwnTracksConflictsOnly() throws {
        let records = [
            record("a", office: "mumbai", tracks: ["sccp"], conflicted: true),
            record("b", office: "mumbai", tracks: ["sccp", "ipef"], conflicted: true),
            record("c", office: "chennai", tracks: ["semiconductors"], conflicted: true),
            record("d", office: "chennai", tracks: ["semiconductors"]),
        ]
        #expect(try build("overview", records).provisionalCount == 3)
        for plugin in BundledPlugins.registry.plugins {
            let own = records.filter { $0.tracks.contains(plugin.track.id) && $0.conflicted }.count
            for report in plugin.reports {
                #expect(try build(report.id, records).provisionalCount == own, "\(report.id)")
            }
        }
    }

    @Test(arguments: [
        ("critical_minerals.mineral", "lithium, cobalt, nickel, graphite, rare_earths, copper, manganese, other"),
        ("critical_minerals.stage", "exploration, extraction, processing_refining, recycling_recovery"),
        ("critical_minerals.kind", "equipment, services, policy, best_practice"),
        ("semiconductors.segment", "design, fabrication, atmp_osat, equipment, materials, talent"),
        ("sccp.activity", "workshop, standards_alignment, conformity_barrier, regulatory_comment"),
        ("sccp.barrier_status", "open, in_progress, resolved"),
        ("strategic_trade.domain", "semiconductors, space, telecom, quantum, ai, defence, biotech"),
        ("strategic_trade.item", "outreach_workshop, licensing_query, co_development"),
    ])
    func valueOutsideAllowedSetIsRefused(field: String, allowed: String) throws {
        let error = #expect(throws: ValidationError.self) {
            try schema.check(field: field, value: .text("unobtanium"))
        }
        #expect(error?.description == "\(field): must be one of \(allowed), got \"unobtanium\"")
        let first = String(allowed.prefix { $0 != "," })
        #expect(try schema.check(field: field, value: .text(first)) == .text(first))
    }

    @Test func sccpAttendanceAndCounterpart() throws {
        #expect(throws: ValidationError.self) { try schema.check(field: "sccp.attendance", value: .number(-1)) }
        #expect(throws: ValidationError.self) { try schema.check(field: "sccp.attendance", value: .number(2.5)) }
        #expect(try schema.check(field: "sccp.attendance", value: .number(140)) == .number(140))
        #expect(try schema.check(field: "sccp.counterpart", value: .text("BIS")) == .text("BIS"))
        #expect(try schema.check(field: "sccp.topic", value: .text("QCO for toys")) == .text("QCO for toys"))
    }

    @Test func fieldOfATrackTheRecordIsNotInIsRefused() throws {
        let values: [String: FieldValue] = [
            "type": .text("event"), "title": .text("Workshop"), "office": .text("chennai"),
            "status": .text("identified"), "tracks": .list(["sccp"]), "sccp.activity": .text("workshop"),
            "critical_minerals.mineral": .text("nickel"),
        ]
        let error = #expect(throws: ValidationError.self) { try schema.checkRecord(state("r", values)) }
        #expect(error?.issues.map(\.field) == ["critical_minerals.mineral"])
        #expect(error?.description.contains("belongs to track critical_minerals") == true)
        var fixed = values
        fixed["tracks"] = .list(["critical_minerals", "sccp"])
        try schema.checkRecord(state("r", fixed))
    }

    @Test func unknownReportIDIsRefusedWithTheAvailableOnes() {
        let error = #expect(throws: ReportRequestError.self) {
            try BundledPlugins.registry.validate(ReportRequest(id: "minerals"))
        }
        #expect(error?.description.contains("available reports: overview, critical_minerals") == true)
        #expect(throws: ReportRequestError.self) {
            try BundledPlugins.registry.validate(ReportRequest(id: "sccp", office: "pune"))
        }
        #expect(throws: ReportRequestError.self) {
            try BundledPlugins.registry.validate(ReportRequest(id: "sccp", period: ReportPeriod(from: "2025-13-01")))
        }
    }
}
