import Foundation
import GRDB
import LiaisonCore
import LiaisonStore
import Testing

@Suite("Accounts and sessions in the store")
struct StoreAccountsTests {
    @Test func passwordsAreArgon2idHashesThatVerify() async throws {
        let hash = try await PasswordHash.make("correct horse battery")
        #expect(hash.hasPrefix("$argon2id$v=19$m="), "self-describing: algorithm, parameters, salt, hash")
        #expect(try await PasswordHash.make("correct horse battery") != hash, "salted")
        #expect(await PasswordHash.verify("correct horse battery", against: hash))
        #expect(await !PasswordHash.verify("correct horse batterY", against: hash))
        #expect(!PasswordHash.needsRehash(hash))
        #expect(PasswordHash.needsRehash("$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ$aGFzaA"), "older parameters are made again")
        await #expect(throws: StoreError.self) { try await PasswordHash.make("eleven char") }
        #expect(PasswordHash.problem(with: "twelve chars") == nil)
    }

    @Test func signInChecksNameAndPasswordAndDisabling() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try await store.addAccount(name: "asha", displayName: "Asha Rao", role: .editor, password: "asha's long password")
        guard case .accepted(let account) = try await store.checkSignIn(name: "asha", password: "asha's long password") else {
            Issue.record("the right password was refused")
            return
        }
        #expect(account.displayName == "Asha Rao" && account.lastSignIn != nil)
        guard case .refused = try await store.checkSignIn(name: "asha", password: "wrong long password") else {
            Issue.record("a wrong password was accepted")
            return
        }
        guard case .refused = try await store.checkSignIn(name: "nobody", password: "asha's long password") else {
            Issue.record("an unknown user was accepted")
            return
        }
        await #expect(throws: StoreError.self) { try await store.addAccount(name: "asha", role: .reader, password: "another password") }
        await #expect(throws: StoreError.self) { try await store.addAccount(name: "bad name", role: .reader, password: "another password") }
        await #expect(throws: StoreError.self) { try await store.addAccount(name: "node", role: .peer, password: "another password") }

        let id = try await store.startSession(account: "asha")
        #expect(try await store.session(id: id)?.account.name == "asha")
        try await store.changeAccount("asha", AccountChange(disabled: true))
        #expect(try await store.session(id: id) == nil, "disabling ends the session")
        guard case .disabled = try await store.checkSignIn(name: "asha", password: "asha's long password") else {
            Issue.record("a disabled account signed in")
            return
        }
        try await store.changeAccount("asha", AccountChange(disabled: false))
        let second = try await store.startSession(account: "asha")
        try await store.changeAccount("asha", AccountChange(password: "a new long password"))
        #expect(try await store.session(id: second) == nil, "a new password ends the session")
        #expect(try await fixture.reopen().accounts().map(\.name) == ["asha"])
    }

    /// A display name shows on every admin page and beside every write: one "character" of
    /// 100,000 accents (200 KB), or a mark that turns the line around, is refused; a Hindi name
    /// with its joiner is taken.
    @Test func aDisplayNameIsShortAndCannotTurnItsLineAround() async throws {
        let fixture = try StoreFixture()
        for (index, bad) in ["a" + String(repeating: "\u{301}", count: 100_000), "Ravi\u{202E}raeN", "Two\u{2028}lines", "\u{2066}x"].enumerated() {
            await #expect(throws: StoreError.self) {
                try await fixture.store.addAccount(name: "u\(index)", displayName: bad, role: .reader, password: "a long password")
            }
        }
        let hindi = "क्\u{200D}ष रवि"
        try await fixture.store.addAccount(name: "ravi", displayName: hindi, role: .reader, password: "a long password")
        #expect(try await fixture.store.account(named: "ravi")?.displayName == hindi)
    }

    /// A sign-in whose password check (tens of milliseconds of Argon2) overlaps a disable starts
    /// no session: one started anyway worked again once the account was enabled, and one that
    /// overlapped a reset outlived it (the account then waiting for a new password, whoever held
    /// the old one could choose it).
    @Test func aSignInOverlappingADisableStartsNoSession() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try await store.addAccount(name: "asha", role: .editor, password: "asha's long password")
        for _ in 0..<4 {
            let signIn = Task { try await store.signIn(name: "asha", password: "asha's long password") }
            try await Task.sleep(for: .milliseconds(2))
            try await store.changeAccount("asha", AccountChange(disabled: true))
            let (_, session) = try await signIn.value
            try await store.changeAccount("asha", AccountChange(disabled: false))
            if let session { #expect(try await store.session(id: session) == nil, "a session outlived the disable") }
        }
    }

    /// A person changing their own password gets their new session in the change's own
    /// transaction: the old sessions end and the new one lives, or, when the session cannot
    /// start, nothing changes: the old password and the old session still work.
    @Test func aPasswordChangeAndItsNewSessionAreOneTransaction() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try await store.addAccount(name: "asha", role: .editor, password: "asha's long password")
        let old = try await store.startSession(account: "asha")
        let new = try await store.changeAccountStartingSession("asha", AccountChange(password: "a new long password"))
        #expect(try await store.session(id: old) == nil, "the change ends the old session")
        #expect(try await store.session(id: new)?.account.name == "asha", "and starts the new one")
        guard case .accepted = try await store.checkSignIn(name: "asha", password: "a new long password") else {
            Issue.record("the new password was not set")
            return
        }

        // A session that cannot start (here a trigger refuses it) takes the change back with it.
        let queue = try DatabaseQueue(path: fixture.directory.appendingPathComponent(LiaisonStore.fileName).path)
        try await queue.write { db in
            try db.execute(sql: "CREATE TRIGGER no_session BEFORE INSERT ON session BEGIN SELECT RAISE(ABORT, 'no session'); END")
        }
        try queue.close()
        await #expect(throws: (any Error).self) {
            try await store.changeAccountStartingSession("asha", AccountChange(password: "a third long password"))
        }
        #expect(try await store.session(id: new) != nil, "the session still works")
        guard case .accepted = try await store.checkSignIn(name: "asha", password: "a new long password") else {
            Issue.record("the password changed without its session")
            return
        }
        await #expect(throws: StoreError.self) { try await store.changeAccountStartingSession("asha", AccountChange(disabled: true)) }
    }

    @Test("a token or session ended through another opening of the store (the CLI's) is refused at the next request")
    func changesFromAnotherOpeningCountAtOnce() async throws {
        let fixture = try StoreFixture()
        let serving = fixture.store
        try await serving.addAccount(name: "asha", role: .editor, password: "asha's long password")
        let token = try await serving.createToken(name: "asha-laptop", role: .editor, account: "asha")
        let plain = try await serving.createToken(name: "importer", role: .editor)
        let session = try await serving.startSession(account: "asha")
        #expect(try await serving.authenticate(token: token) == .accepted(name: "asha", role: .editor))
        #expect(try await serving.authenticate(token: plain) == .accepted(name: "importer", role: .editor))
        #expect(try await serving.session(id: session)?.account.name == "asha")

        let cli = try fixture.reopen()
        try await cli.revokeToken(name: "importer")
        #expect(try await serving.authenticate(token: plain) == .refused, "a revoked token")
        #expect(try await serving.authenticate(token: token) == .accepted(name: "asha", role: .editor))
        try await cli.changeAccount("asha", AccountChange(disabled: true))
        #expect(try await serving.authenticate(token: token) == .userDisabled("asha"), "the token of a disabled account")
        #expect(try await serving.session(id: session) == nil, "the session of a disabled account")
    }

    @Test func theStoreFilesHoldNoPasswordOrSessionIDInClear() async throws {
        let fixture = try StoreFixture()
        let password = "plain-text-password-\(UUID().uuidString)"
        try await fixture.store.addAccount(name: "asha", role: .admin, password: password)
        try await fixture.store.changeAccount("asha", AccountChange(password: password + "-2"))
        let session = try await fixture.store.startSession(account: "asha")
        #expect(try await fixture.store.session(id: session) != nil)
        let token = try await fixture.store.createToken(name: "asha-script", role: .editor, account: "asha")
        var bytes = Data()
        for suffix in ["", "-wal", "-shm"] {
            let file = fixture.directory.appendingPathComponent(LiaisonStore.fileName + suffix)
            bytes.append((try? Data(contentsOf: file)) ?? Data())
        }
        #expect(bytes.count > 0)
        for secret in [password, password + "-2", session, token] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret.prefix(12))… is in the store files")
        }
        #expect(bytes.range(of: Data("$argon2id$".utf8)) != nil, "the hashes are there")
    }
}
