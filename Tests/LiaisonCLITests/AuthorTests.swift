import Foundation
import TestProcesses
import Testing

@Suite("CLI: who makes a write", .offThePool)
struct AuthorTests {
    @Test("a blank --author or LIAISON_AUTHOR falls back to the login name, as an empty one does; spaces around a name go")
    func blankAuthorFallsBackToTheLoginName() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("init", "--office", "mumbai")
        let id = try recordID(try cli.ok("record", "add", "--json", "type=event", "title=Trade mission", "tracks=sccp", author: "   "))
        try cli.ok("record", "set", "--author", " \t ", id, "status=contacted", author: "")
        try cli.ok("record", "set", "--author", "  ravi ", id, "status=in_discussion")
        let history = try #require(
            try JSONSerialization.jsonObject(with: Data(try cli.ok("record", "history", "--json", id).utf8)) as? [[String: Any]]
        )
        let login = ProcessInfo.processInfo.userName.trimmingCharacters(in: .whitespaces)
        #expect(history.compactMap { $0["author"] as? String } == ["ravi", login, login], "newest first")
    }
}
