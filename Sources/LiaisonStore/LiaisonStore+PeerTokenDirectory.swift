public import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Making the directory of peer tokens (``LiaisonStore/peerTokenDirectory``): `liaison init`
/// makes it with the store, and `liaison serve` makes it for a store made before it was.
extension LiaisonStore {
    /// The directory of peer tokens for the data directory `directory`.
    public static func peerTokenDirectory(in directory: URL) -> URL {
        directory.appendingPathComponent("peer-tokens", isDirectory: true)
    }

    /// Makes ``peerTokenDirectory`` if it is not there, as ``makePeerTokenDirectory(in:)`` does.
    ///
    /// ```swift
    /// if try store.makePeerTokenDirectory() { logger.info("made \(store.peerTokenDirectory.path)") }
    /// ```
    /// - Returns: whether it was made (`false`: something of that name was there, left as it is).
    /// - Throws: ``StoreError`` `.invalid` naming the directory and why it could not be made.
    public func makePeerTokenDirectory() throws -> Bool {
        try Self.makePeerTokenDirectory(in: file.deletingLastPathComponent())
    }

    /// Makes `peer-tokens` in the data directory `directory` if it is not there: mode 0700 (the
    /// files in it are secrets), owned by the owner of `directory`, so that the account that
    /// runs the node can use it when `root` made it.
    /// - Returns: whether it was made.
    /// - Throws: ``StoreError`` `.invalid` naming the directory and why it could not be made.
    static func makePeerTokenDirectory(in directory: URL) throws -> Bool {
        let path = peerTokenDirectory(in: directory).path
        guard mkdir(path, 0o700) == 0 else {
            if errno == EEXIST { return false }
            throw StoreError(.invalid, "cannot make the directory of peer tokens \(path): \(String(cString: strerror(errno)))")
        }
        // mkdir leaves out what the process's umask does; the mode is set whatever it is.
        var (data, made) = (stat(), stat())
        guard chmod(path, 0o700) == 0, stat(directory.path, &data) == 0, stat(path, &made) == 0,
            (made.st_uid, made.st_gid) == (data.st_uid, data.st_gid) || chown(path, data.st_uid, data.st_gid) == 0
        else {
            let problem = String(cString: strerror(errno))
            rmdir(path)
            throw StoreError(.invalid, "cannot give the directory of peer tokens \(path) mode 0700 and its data directory's owner: \(problem)")
        }
        return true
    }
}
