import Foundation
import TestProcesses
import Testing

/// Which release a node runs shows in the three places an admin looks: `liaison --version`,
/// `liaison status` and `GET /v1/node` (so a peer's release can be asked for over the wire).
@Suite("The release's version", .offThePool)
struct ReleaseVersionTests {
    @Test func theVersionShowsInTheCLIStatusAndTheNodeInfo() async throws {
        let printed = try LiaisonRun.run(["--version"], data: nil)
        #expect(printed.status == 0)
        let version = printed.stdout.trimmingCharacters(in: .newlines)
        #expect(version.wholeMatch(of: /20\d\d\.\d\d\.\d\d(\.\d+)?/) != nil, "a release date, YYYY.MM.DD: \(printed.stdout)")

        let root = try TemporaryDirectory()
        defer { root.cleanUp() }
        let mumbai = try ServedNode(office: "mumbai", root: root.url)
        #expect(try LiaisonRun.ok(["status"], data: mumbai.directory).contains("\nrelease   \(version) (of this liaison binary)\n"))
        let json = try LiaisonRun.ok(["status", "--json"], data: mumbai.directory)
        let status = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(status["release"] as? String == version)

        try mumbai.start()
        defer { mumbai.stop() }
        let node = try await mumbai.call("GET", "/v1/node")
        let info = try #require(try JSONSerialization.jsonObject(with: Data(node.body.utf8)) as? [String: Any])
        #expect(info["release"] as? String == version)
        #expect(info["protocol"] as? Int == 2, "the keys that were there stay")
    }
}
