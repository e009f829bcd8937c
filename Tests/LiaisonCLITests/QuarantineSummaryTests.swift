import Foundation
import TestProcesses
import Testing

/// `liaison merge` lists the first ten states it quarantined, then says how many more there
/// were, how many were not kept, and the command that lists every one kept.
@Suite("merge: every quarantined state is counted, and the command that lists them is given", .offThePool)
struct QuarantineSummaryTests {
    /// A bundle from Chennai of one good state and `bad` states whose value breaks the schema.
    static func bundle(bad: Int) -> String {
        let write = #"{"at":1767225600000,"author":"p","#
        let good =
            #"{"context":{"chennai.x1":1},"id":"good-1","writes":[\#(write)"fields":{"office":"chennai","status":"identified","#
            + #""title":"Good","tracks":["sccp"],"type":"event"},"n":1,"replica":"chennai.x1"}]}"#
        let states = (2..<(bad + 2)).map { n in
            #"{"context":{"chennai.x1":\#(n)},"id":"bad-\#(n)","writes":[\#(write)"fields":{"value_usd":"lots"},"n":\#(n),"replica":"chennai.x1"}]}"#
        }
        return #"{"format":"liaison-bundle","version":1,"replica_id":"chennai.x1","office":"chennai","since":0,"#
            + #""last_sequence":\#(bad + 1),"states":[\#(([good] + states).joined(separator: ","))]}"#
    }

    @Test func mergeCountsThemAllAndTheCommandItPrintsListsEveryOneKept() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "office data", "init", "--office", "mumbai")
        // The bundle's room holds 1,000 entries: 3 of the 1,003 bad states are refused, not kept.
        let merged = try cli.run(["--data", "office data", "merge", "-"], stdin: Data(Self.bundle(bad: 1_003).utf8))
        #expect(merged.code == 1)
        #expect(merged.out == "merged 1, changed 1, conflicts 0, quarantined 1003\n", "\(merged.out)")
        let lines = merged.err.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("error: quarantined record bad-") }.count == 10, "\(merged.err)")
        #expect(lines.contains("error: ... and 993 more quarantined states, 1003 in all"), "\(merged.err)")
        #expect(
            lines.contains(
                "error: 3 of the 1003 quarantined states were not kept (their source's room in the quarantine was full), so no list shows them"
            ),
            "\(merged.err)"
        )
        let directory = cli.directory.appendingPathComponent("office data").standardizedFileURL.path
        #expect(
            lines.last == "error: the rest merged; list every quarantined state kept with `liaison quarantine list --data '\(directory)'`",
            "\(merged.err)"
        )

        // The command, run as printed by a shell in another directory, lists each of the 1,000 kept.
        let command = try #require(lines.last?.split(separator: "`").dropFirst().first)
        let executable = try #require(CLI.executable)
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "LIAISON_DATA")
        let listed = try ChildProcess.run(
            "/bin/sh",
            ["-c", "'\(executable)'" + command.dropFirst("liaison".count) + " --json"],
            environment: environment,
            directory: "/",
            stdin: Data()
        )
        #expect(listed.termination == .exited(0), "\(String(decoding: listed.error, as: UTF8.self))")
        let entries = try #require(try JSONSerialization.jsonObject(with: listed.output) as? [[String: Any]])
        #expect(entries.count == 1_000)
        #expect(Set(entries.compactMap { $0["record_id"] as? String }).count == 1_000)
    }
}
