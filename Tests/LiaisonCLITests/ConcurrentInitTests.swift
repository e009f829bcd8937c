import Foundation
import TestProcesses
import Testing

/// `liaison init` run several times at once on one directory (two operators, a script run twice):
/// one makes the store, the others say so and change nothing, and the store is always usable.
@Suite("CLI: inits at once", .offThePool)
struct ConcurrentInitTests {
    @Test("of three inits started at once, exactly one makes the store and the others change nothing")
    func oneInitWins() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        for round in 1...8 {
            let data = "d\(round)"
            let inits = try (1...3).map { try cli.start(["--data", data, "init", "--office", "mumbai"], logs: "\(data)-\($0)") }
            let codes = inits.map { $0.wait(killingAfter: 120).status }
            let outs = try (1...3).map { try cli.printed("\(data)-\($0)", "out") }
            let errs = try (1...3).map { try cli.printed("\(data)-\($0)", "err") }
            #expect(codes.filter { $0 == 0 }.count == 1, "round \(round): exit codes \(codes), stderr \(errs)")
            guard let winner = codes.firstIndex(of: 0) else { continue }
            let replica = outs[winner].trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(replica.hasPrefix("mumbai."), "round \(round): \(outs[winner])")
            for loser in codes.indices where loser != winner {
                let said = errs[loser]
                #expect(outs[loser].isEmpty && said.hasPrefix("error: ") && said.split(separator: "\n").count == 1, "\(said)")
                #expect(
                    said.contains("already holds the store of \(replica)") || said.contains("another `liaison init` is initialising"),
                    "round \(round): \(said)"
                )
            }
            #expect(try cli.ok("--data", data, "status").contains(replica), "round \(round): the store is usable")
            #expect(try cli.fails("--data", data, "init", "--office", "mumbai").contains("already holds the store of \(replica)"))
        }
    }
}
