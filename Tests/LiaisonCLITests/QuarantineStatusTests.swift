import Foundation
import TestProcesses
import Testing

/// `liaison status` counts the states the quarantine turned away beside those it kept.
@Suite("CLI: status counts what the quarantine did not keep", .offThePool)
struct QuarantineStatusTests {
    /// A bundle from Chennai of `count` states, each with a value the schema refuses.
    static func badBundle(_ count: Int) -> String {
        let states = (0..<count).map { index in
            #"{"context":{"chennai.x1":1},"id":"bad-\#(index)","writes":[{"at":1767225600000,"author":"p","#
                + #""fields":{"office":"chennai","status":"identified","title":"Bad","tracks":["sccp"],"type":"event","#
                + #""value_usd":"lots"},"n":1,"replica":"chennai.x1"}]}"#
        }
        return #"{"format":"liaison-bundle","version":1,"replica_id":"chennai.x1","office":"chennai","since":0,"#
            + #""last_sequence":\#(count),"states":[\#(states.joined(separator: ","))]}"#
    }

    @Test func statesTurnedAwayPastTheBoundAreCountedUntilTheQuarantineIsEmptied() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("init", "--office", "kolkata")
        // One more bad state than the bundle's room holds (1,000 entries).
        let merged = try cli.run(["merge", "-"], stdin: Data(Self.badBundle(1_002).utf8))
        #expect(merged.code == 1)
        #expect(merged.out.contains("quarantined 1002"), "\(merged.out)")

        let text = try cli.ok("status")
        #expect(
            text.contains("quarantined 1000 states set aside: see `liaison quarantine list`; 2 more not kept: their source's room in it was full"),
            "\(text)"
        )
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try cli.ok("status", "--json").utf8)) as? [String: Any])
        #expect(json["quarantined"] as? Int == 1_000)
        #expect(json["quarantined_not_kept"] as? Int == 2)

        try cli.ok("quarantine", "drop", "--all")
        let emptied = try #require(try JSONSerialization.jsonObject(with: Data(try cli.ok("status", "--json").utf8)) as? [String: Any])
        #expect(emptied["quarantined"] as? Int == 0 && emptied["quarantined_not_kept"] as? Int == 0)
        #expect(try cli.ok("status").contains("not kept") == false)
    }
}
