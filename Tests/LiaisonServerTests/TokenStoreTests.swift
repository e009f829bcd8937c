import Foundation
import LiaisonCore
import LiaisonStore
import Testing

@Suite("Token digests and token storage")
struct TokenStoreTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
    ])
    func knownVectors(message: String, digest: String) {
        #expect(TokenDigest(message).hex == digest)
    }

    @Test func digestsCompareByValue() {
        let digest = TokenDigest("abc")
        #expect(digest.matches(hex: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
        #expect(!digest.matches(hex: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ae"))
        #expect(!digest.matches(hex: "ba7816bf"))
        #expect(!digest.matches(hex: "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"))
        #expect(TokenDigest.equal("csrf-token", "csrf-token"))
        #expect(!TokenDigest.equal("csrf-token", "csrf-tokem"))
        #expect(!TokenDigest.equal("csrf-token", "csrf"))
    }

    /// A new store of office chennai in its own temporary directory (removed afterwards), and that directory.
    private func withStore(_ body: (LiaisonStore, URL) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-token-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try LiaisonStore.initialise(directory: directory, office: "chennai")
        try await body(try LiaisonStore(directory: directory, schema: .core), directory)
    }

    @Test func tokensAreShownOnceAndStoredHashed() async throws {
        try await withStore { store, directory in
            let token = try await store.createToken(name: "asha", role: .editor)
            #expect(token.count == 43)
            #expect(try await store.authenticate(token: token) == .accepted(name: "asha", role: .editor))
            #expect(try await store.authenticate(token: token + "x") == .refused)
            #expect(try await store.authenticate(token: "") == .refused)
            #expect(try await store.tokens().map(\.name) == ["asha"])

            for suffix in ["", "-wal"] {
                let url = directory.appendingPathComponent(LiaisonStore.fileName + suffix)
                let file = (try? String(contentsOf: url, encoding: .isoLatin1)) ?? ""
                #expect(!file.contains(token))
            }

            await #expect(throws: StoreError.self) { try await store.createToken(name: "asha", role: .reader) }
            await #expect(throws: StoreError.self) { try await store.createToken(name: "bad name", role: .reader) }
            try await store.revokeToken(name: "asha")
            #expect(try await store.authenticate(token: token) == .refused)
            await #expect(throws: StoreError.self) { try await store.revokeToken(name: "asha") }
        }
    }

    @Test func importedTokensAuthenticateReplaceTheirNameAndMustBeLongEnough() async throws {
        try await withStore { store, _ in
            let first = String(repeating: "a", count: 40)
            let second = String(repeating: "b", count: 40)

            try await store.importToken(name: "admin", role: .admin, token: first)
            #expect(try await store.authenticate(token: first) == .accepted(name: "admin", role: .admin))
            try await store.importToken(name: "admin", role: .reader, token: second)
            #expect(try await store.authenticate(token: first) == .refused, "the old token of that name no longer works")
            #expect(try await store.authenticate(token: second) == .accepted(name: "admin", role: .reader))
            await #expect(throws: StoreError.self) { try await store.importToken(name: "short", role: .admin, token: "too-short") }
            #expect(try await store.tokens().map(\.name) == ["admin"])
        }
    }

    /// Importing a secret that another token already had deleted that token, unsaid.
    @Test func importingASecretAnotherTokenHasIsRefusedAndKeepsIt() async throws {
        try await withStore { store, _ in
            let secret = String(repeating: "s", count: 40)
            try await store.importToken(name: "bot-a", role: .editor, token: secret)

            let error = await #expect(throws: StoreError.self) { try await store.importToken(name: "bot-b", role: .reader, token: secret) }
            #expect(error?.message == "this token's secret is already installed as token bot-a; revoke it first")
            #expect(try await store.tokens().map(\.name) == ["bot-a"])
            #expect(try await store.authenticate(token: secret) == .accepted(name: "bot-a", role: .editor))

            try await store.importToken(name: "bot-a", role: .reader, token: secret)
            #expect(
                try await store.authenticate(token: secret) == .accepted(name: "bot-a", role: .reader),
                "the same name takes its own secret again"
            )
        }
    }
}
