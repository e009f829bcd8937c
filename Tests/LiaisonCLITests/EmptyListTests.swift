import Foundation
import TestProcesses
import Testing

/// A list with nothing in it says so, and how to add the first, instead of printing nothing.
@Suite(.offThePool) struct EmptyListTests {
    @Test func emptyListsSayThereIsNoneAndHowToAddOne() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "node", "init", "--office", "mumbai")
        #expect(try cli.ok("--data", "node", "user", "list") == "no users: add one with `liaison user add NAME --role ROLE`\n")
        #expect(try cli.ok("--data", "node", "user", "list", "--json") == "[]\n")
        #expect(try cli.ok("--data", "node", "token", "list") == "no tokens: make one with `liaison token create --role ROLE --name NAME`\n")
        let sync = try cli.fails("--data", "node", "sync", "nobody")
        #expect(sync == "error: no peer named nobody: this node has no peers; add one with `liaison peer add NAME URL --token-file FILE`\n")
    }
}
