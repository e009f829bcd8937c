import CurlHTTP
import Foundation
import LiaisonHTTP
import LiaisonServer
import LiaisonStore
import TestProcesses
import Testing

@Suite("Sign-ins that fail for no wrong password do not count as failed")
struct SignInBusyStoreTests {
    /// A client sending many sign-ins at once (the default sends 2 at a time).
    private static var client: CurlClientConfiguration {
        var configuration = CurlClientConfiguration()
        configuration.workerThreads = 12
        return configuration
    }

    private func signIn(_ node: TestNode, _ name: String, _ password: String) async throws -> Int {
        try await node.send("POST", "/v1/session", json: #"{"name":"\#(name)","password":"\#(password)"}"#).status
    }

    @Test func aRightPasswordAnsweredBusyIsNotAFailureOfTheAccountOrTheAddress() async throws {
        try await withSignInBackoff(600) { node in
            for name in ["ed", "ad"] {
                try await node.store.addAccount(name: name, role: .editor, password: WebBrowser.password)
            }
            // Another process (a `liaison import`) holds the store: ed's sign-in cannot be recorded.
            let other = try await HeldStoreLock.take(path: node.directory.appendingPathComponent(LiaisonStore.fileName).path)
            let busy = try await signIn(node, "ed", WebBrowser.password)
            try await other.release()
            #expect(busy == 503)
            // Four typos from the same address: with the busy try, five failures would be counted.
            for _ in 1...4 { #expect(try await signIn(node, "zz", "a wrong password") == 401) }
            #expect(try await signIn(node, "ad", WebBrowser.password) == 201, "four failures from this address, not five")
            #expect(try await signIn(node, "ed", WebBrowser.password) == 201, "ed never typed a wrong password")
        }
    }

    @Test func manyPeopleSigningInAtOnceFromOneAddressAreNotRefused() async throws {
        try await withSignInBackoff(600, client: Self.client) { node in
            let names = (1...12).map { "staff\($0)" }
            for name in names { try await node.store.addAccount(name: name, role: .editor, password: WebBrowser.password) }
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for name in names { group.addTask { try await signIn(node, name, WebBrowser.password) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 201, count: names.count), "no one failed: \(statuses)")
        }
    }
}
