import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on a file beside the store (`liaison.sqlite.bulk-load`), held by the
/// process loading in bulk for the whole load: another process that opens the store meanwhile
/// (`liaison status`, `liaison record list`) sees the lock and leaves the set-aside indexes for
/// the loader to build, while the first open after a crash finds the lock free (the kernel drops
/// it with the process) and builds them itself.
final class BulkLoadLock: Sendable {
    private let descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    /// Takes the lock on `file` (created if missing), or nil when another holder has it.
    /// - Throws: ``StoreError`` `.invalid` when the file cannot be opened.
    static func take(_ file: URL) throws -> BulkLoadLock? {
        let descriptor = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw StoreError(.invalid, "cannot open \(file.path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        return BulkLoadLock(descriptor: descriptor)
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
