import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock (`flock`) on a file beside the store, held by one process for as long as
/// it keeps this object; the kernel drops it with the process, so a crash never leaves it held.
///
/// A bulk load holds `liaison.sqlite.bulk-load` for the whole load: another process that opens
/// the store meanwhile (`liaison status`, `liaison record list`) sees the lock and leaves the
/// set-aside indexes for the loader to build, while the first open after a crash finds the lock
/// free and builds them itself. A serving node holds `liaison.sqlite.serve`, and so does an upgrade
/// (``LiaisonStore/claimForServing(directory:)``, ``LiaisonStore/holdForUpgrade(_:file:)``).
final class FileLock: Sendable {
    private let descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    /// Takes the lock on `file` (created if missing), or nil when another holder has it.
    /// - Throws: ``StoreError`` `.invalid` when the file cannot be opened.
    static func take(_ file: URL) throws -> FileLock? {
        let descriptor = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw StoreError(.invalid, "cannot open \(file.path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        return FileLock(descriptor: descriptor)
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
