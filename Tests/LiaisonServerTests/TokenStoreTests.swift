import Foundation
import LiaisonStore
import Testing

@Suite("SHA-256 and token storage")
struct TokenStoreTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func knownVectors(message: String, digest: String) {
        #expect(SHA256.hex(Array(message.utf8)) == digest)
    }

    @Test func millionAs() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hex(message) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func paddingBoundaries() {
        // 55, 56 and 64 bytes straddle the length field; checked against coreutils' sha256sum.
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 55)) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 56)) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 64)) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    }

    @Test func tokensAreShownOnceAndStoredHashed() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-token-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try LiaisonStore.initialise(directory: directory, office: "chennai")
        let store = try LiaisonStore(directory: directory, schema: .core)

        let token = try await store.createToken(name: "asha", role: .editor)
        #expect(token.count == 43)
        let match = try await store.authenticate(token: token)
        #expect(match?.name == "asha")
        #expect(match?.role == .editor)
        #expect(try await store.authenticate(token: token + "x") == nil)
        #expect(try await store.authenticate(token: "") == nil)
        #expect(try await store.tokens().map(\.name) == ["asha"])

        for suffix in ["", "-wal"] {
            let url = directory.appendingPathComponent(LiaisonStore.fileName + suffix)
            let file = (try? String(contentsOf: url, encoding: .isoLatin1)) ?? ""
            #expect(!file.contains(token))
        }

        await #expect(throws: StoreError.self) { try await store.createToken(name: "asha", role: .reader) }
        await #expect(throws: StoreError.self) { try await store.createToken(name: "bad name", role: .reader) }
        try await store.revokeToken(name: "asha")
        #expect(try await store.authenticate(token: token) == nil)
        await #expect(throws: StoreError.self) { try await store.revokeToken(name: "asha") }
    }

    @Test func importedTokensAuthenticateReplaceTheirNameAndMustBeLongEnough() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-token-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try LiaisonStore.initialise(directory: directory, office: "chennai")
        let store = try LiaisonStore(directory: directory, schema: .core)
        let first = String(repeating: "a", count: 40)
        let second = String(repeating: "b", count: 40)

        try await store.importToken(name: "admin", role: .admin, token: first)
        #expect(try await store.authenticate(token: first)?.role == .admin)
        try await store.importToken(name: "admin", role: .reader, token: second)
        #expect(try await store.authenticate(token: first) == nil, "the old token of that name no longer works")
        #expect(try await store.authenticate(token: second)?.role == .reader)
        await #expect(throws: StoreError.self) { try await store.importToken(name: "short", role: .admin, token: "too-short") }
        #expect(try await store.tokens().map(\.name) == ["admin"])
    }
}
