import Foundation
import TestProcesses
import Testing

/// What the CLI prints for people escapes the control characters in records, so a value typed
/// at any office can neither act on the terminal nor forge a line; JSON and CSV stay exact.
@Suite("CLI: control characters in output", .offThePool)
struct TerminalOutputTests {
    static let title = "Steel \u{1B}]0;pwned\u{07}\u{202E}JV"
    static let forged = "2026-12-04T09:00:00.000Z  mumbai  admin  mumbai.kbbk9k5y:9  [resolution]"
    static let notes = "first line\n\n\(forged)\n  value_usd: 1 → 99999999\u{1B}[31m"

    /// No raw control character but line breaks, and no line that starts like a history entry
    /// or one of its fields other than those the command made.
    static func expectSafe(_ out: String, _ command: String) {
        let controls = out.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}" }
        #expect(controls.isEmpty, "\(command) printed raw control characters")
        #expect(
            !out.split(separator: "\n").contains { $0.hasPrefix("2026-12-04T09:00:00.000Z") || $0.hasPrefix("  value_usd") },
            "\(command): \(out)"
        )
    }

    /// A node holding one record with ``title`` and ``notes``, and that record's id.
    static func nodeWithHostileRecord(_ cli: CLI) throws -> String {
        try cli.ok("init", "--office", "mumbai")
        return try recordID(
            try cli.ok("record", "add", "--json", "type=investment", "title=\(title)", "notes=\(notes)", "tracks=energy_industry")
        )
    }

    @Test func recordGetListAndHistoryEscapeWhatARecordHolds() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let id = try Self.nodeWithHostileRecord(cli)
        for command in [["record", "history", id], ["record", "get", id], ["record", "list"]] {
            let run = try cli.run(command)
            #expect(run.code == 0, "\(run.err)")
            let out = run.out
            Self.expectSafe(out, command.joined(separator: " "))
            #expect(out.contains(#"Steel \u{1B}]0;pwned\u{07}\u{202E}JV"#), "\(out)")
        }
        #expect(try cli.ok("record", "history", id).contains(#"notes: first line\n\n2026-12-04T09:00:00.000Z  mumbai"#))
        let get = try cli.ok("record", "get", id)
        #expect(
            get.range(of: #"\n  notes +first line\n\n {11,}2026-12-04T09:00:00.000Z  mumbai"#, options: .regularExpression) != nil,
            "further lines under the first: \(get)"
        )
    }

    @Test func jsonAndCSVKeepTheValuesExactly() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let id = try Self.nodeWithHostileRecord(cli)
        let got = try JSONSerialization.jsonObject(with: Data(try cli.ok("record", "get", "--json", id).utf8)) as? [String: Any]
        let fields = try #require(got?["fields"] as? [String: Any])
        #expect(fields["title"] as? String == Self.title && fields["notes"] as? String == Self.notes)
        let csv = try cli.ok("record", "list", "--format", "csv")
        #expect(csv.contains(Self.title) && csv.contains(Self.forged))
    }
}
