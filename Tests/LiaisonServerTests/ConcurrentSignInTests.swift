import CurlHTTP
import LiaisonHTTP
import LiaisonServer
import LiaisonStore
import Testing

@Suite("Sign-ins sent at once: the throttle counts each try before its password is checked")
struct ConcurrentSignInTests {
    /// A client sending all 30 at once (the default sends 2 at a time).
    private static var client: CurlClientConfiguration {
        var configuration = CurlClientConfiguration()
        configuration.workerThreads = 30
        return configuration
    }

    /// Sends `names.count` sign-ins to `/v1/session` at once (the right password at `right`)
    /// and answers their statuses.
    private func signInAtOnce(_ node: TestNode, names: [String], right: Int) async throws -> [Int] {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for (index, name) in names.enumerated() {
                let password = index == right ? WebBrowser.password : "wrong guess number \(index)"
                group.addTask {
                    try await node.send("POST", "/v1/session", json: #"{"name":"\#(name)","password":"\#(password)"}"#).status
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test func thirtyGuessesAtOneAccountCheckAtMostTheFreeTries() async throws {
        try await withSignInBackoff(600, client: Self.client) { node in
            try await node.store.addAccount(name: "asha", role: .editor, password: WebBrowser.password)
            let statuses = try await signInAtOnce(node, names: Array(repeating: "asha", count: 30), right: 24)
            let checked = statuses.filter { $0 != 429 }
            #expect(checked.count <= SignInThrottle.freeFailures, "\(statuses)")
            #expect(checked.allSatisfy { $0 == 401 || $0 == 201 }, "\(statuses)")
            #expect(statuses.filter { $0 == 429 }.count >= 30 - SignInThrottle.freeFailures)
        }
    }

    @Test func thirtyGuessesFromOneAddressCheckAtMostTheFreeTries() async throws {
        try await withSignInBackoff(600, client: Self.client) { node in
            try await node.store.addAccount(name: "ravi", role: .reader, password: WebBrowser.password)
            let names = (0..<30).map { $0 == 24 ? "ravi" : "someone\($0)" }
            let statuses = try await signInAtOnce(node, names: names, right: 24)
            #expect(statuses.filter { $0 != 429 }.count <= SignInThrottle.freeFailures, "\(statuses)")
        }
    }
}
