import Foundation

/// A file a command reads whole (a bundle, a spreadsheet, a password): a regular file or a
/// pipe (a named pipe, or `<(...)` in the shell).
enum InputFile {
    /// The bytes of the file at `path`; `kind` names it in errors (`password file`).
    /// - Throws: ``CommandFailure`` `cannot read [KIND ]FILE: PROBLEM` (`Is a directory`,
    ///   `No such file or directory`, ...).
    static func read(_ path: String, kind: String? = nil) throws -> Data {
        let name = kind.map { "\($0) \(path)" } ?? path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(name, errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw failure(name, errno) }
        guard info.st_mode & S_IFMT != S_IFDIR else { throw failure(name, EISDIR) }
        var bytes = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = Foundation.read(descriptor, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw failure(name, errno) }
            if count == 0 { return bytes }
            bytes.append(buffer, count: count)
        }
    }

    private static func failure(_ name: String, _ code: Int32) -> CommandFailure {
        CommandFailure("cannot read \(name): \(String(cString: strerror(code)))")
    }
}
