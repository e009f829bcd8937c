import Foundation
import TestProcesses
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A command run while `liaison init` is still making the store says so, whatever stage the
/// `init` is at, and changes nothing; once the `init` has finished, the command works. The test
/// stands in for the `init` by taking its locks as it does (`liaison.sqlite.init` first, then
/// `liaison.sqlite.serve` while it makes the file), so each stage lasts as long as the test needs.
@Suite("CLI: a command while init is making the store", .offThePool)
struct InitUnderWayTests {
    /// An exclusive `flock` on `file`, as `init` holds it; released by ``release()``.
    struct Held {
        let descriptor: Int32

        init(_ file: URL) throws {
            descriptor = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            try #require(descriptor >= 0 && flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        }

        func release() { close(descriptor) }
    }

    @Test func statusAndServeSayAnInitIsMakingTheStoreAndToTryAgain() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let data = cli.directory.appendingPathComponent("m")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let store = data.appendingPathComponent("liaison.sqlite")
        let says = "error: a `liaison init` is still making the store in \(data.path): try again when it has finished; nothing was changed\n"

        // The init has its lock and has not made the file yet.
        let initialising = try Held(data.appendingPathComponent("liaison.sqlite.init"))
        #expect(try cli.fails("--data", "m", "status") == says)
        #expect(!FileManager.default.fileExists(atPath: store.path))

        // The init is making the store's tables, holding the serving lock.
        let making = try Held(data.appendingPathComponent("liaison.sqlite.serve"))
        #expect(FileManager.default.createFile(atPath: store.path, contents: nil))
        #expect(try cli.fails("--data", "m", "status") == says)
        #expect(try cli.fails("--data", "m", "record", "list") == says)
        #expect(try cli.fails("--data", "m", "serve", "--port", "0") == says)
        making.release()
        initialising.release()

        // Finished (here by a real init, which completes the store it finds unfinished): it works.
        let replica = try cli.ok("--data", "m", "init", "--office", "mumbai").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try cli.ok("--data", "m", "status").contains(replica))
    }

    /// Without an `init` at work, an unfinished store and a missing one are named as before.
    @Test func withoutAnInitTheStoreIsNamedAsItIs() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.fails("--data", "m", "status").contains("no Liaison store in "))
        let data = cli.directory.appendingPathComponent("m")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try Held(data.appendingPathComponent("liaison.sqlite.init")).release()
        #expect(try cli.fails("--data", "m", "status").contains("no Liaison store in "))
    }
}
