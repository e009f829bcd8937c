import Foundation
import LiaisonCore

/// The file an `--out` option names, checked before anything is written to it. Files are
/// written to a temporary file and renamed over the path, so a path that is not a regular file
/// (a device such as `/dev/null`, a pipe) would be replaced, not written to; and a symbolic
/// link is followed, so the file it points to is the one replaced.
enum OutputFile {
    /// The file to write for `path`, its symbolic links followed. `orStandardOutput` says whether
    /// the command writes to standard output without `--out`, which its refusals then offer
    /// (`backup` does not: its `--out` is required).
    /// - Throws: ``CommandFailure`` when `path` is there but is not a regular file, or ends in
    ///   `/` (a directory's name: the file was written under the name without it).
    static func url(_ path: String, orStandardOutput: Bool = true) throws -> URL {
        let wayOut = orStandardOutput ? "name a file, or leave out --out to write to standard output" : "name a file"
        guard !path.hasSuffix("/") else {
            throw CommandFailure("--out \(path) ends in / (a directory); \(wayOut)")
        }
        let url = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return url }
        let type = try? FileManager.default.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType
        guard !isDirectory.boolValue, type == .typeRegular else {
            throw CommandFailure("--out \(path) is not a regular file; \(wayOut)")
        }
        return url
    }

    /// The file to write an export or a report (`what`) to for `path`, as ``url(_:)``, never a
    /// SQLite database: a Liaison store or a backup made by `liaison backup` there would be lost.
    /// (`liaison backup` replaces only an earlier backup of the same node, checked by the store.)
    /// - Throws: ``CommandFailure`` when `path` is a SQLite database, or as ``url(_:)``.
    static func url(_ path: String, writing what: String) throws -> URL {
        let url = try url(path)
        guard !isSQLiteDatabase(url) else {
            throw CommandFailure(
                "--out \(path) is there and is a SQLite database (a Liaison store, or a backup made by `liaison backup`): writing the \(what) over it would lose it. Write the \(what) to a new file, or remove that one first if it is no longer needed"
            )
        }
        return url
    }

    /// Writes `data` to `file` atomically (a temporary file renamed over it), making the
    /// directories `file` needs when `makingDirectories`.
    /// - Throws: ``CommandFailure`` naming the path and the system's reason (`No such file or
    ///   directory`, `Not a directory`), not Foundation's error object.
    static func write(_ data: Data, to file: URL, makingDirectories: Bool = false) throws {
        do {
            if makingDirectories {
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            }
            try data.write(to: file, options: .atomic)
        } catch {
            throw CommandFailure("cannot write \(file.path): \(FileErrorText.reason(error))")
        }
    }

    /// Whether `file` starts with SQLite's 16-byte header, "SQLite format 3" and a zero byte.
    private static func isSQLiteDatabase(_ file: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 16)) == Data("SQLite format 3\0".utf8)
    }
}
