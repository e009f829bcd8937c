import Foundation

/// The file an `--out` option names, checked before anything is written to it. Files are
/// written to a temporary file and renamed over the path, so a path that is not a regular file
/// (a device such as `/dev/null`, a pipe) would be replaced, not written to; and a symbolic
/// link is followed, so the file it points to is the one replaced.
enum OutputFile {
    /// The file to write for `path`, its symbolic links followed.
    /// - Throws: ``CommandFailure`` when `path` is there but is not a regular file.
    static func url(_ path: String) throws -> URL {
        let url = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return url }
        let type = try? FileManager.default.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType
        guard !isDirectory.boolValue, type == .typeRegular else {
            throw CommandFailure("--out \(path) is not a regular file; name a file, or leave out --out to write to standard output")
        }
        return url
    }
}
