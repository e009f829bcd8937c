import Foundation

/// A file a command reads whole (a bundle, a spreadsheet): a regular file or a named pipe.
enum InputFile {
    /// The bytes of the file at `path`.
    /// - Throws: ``CommandFailure`` `cannot read FILE: PROBLEM` (`Is a directory`,
    ///   `No such file or directory`, ...).
    static func read(_ path: String) throws -> Data {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(path, errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw failure(path, errno) }
        guard info.st_mode & S_IFMT != S_IFDIR else { throw failure(path, EISDIR) }
        var bytes = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = Foundation.read(descriptor, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw failure(path, errno) }
            if count == 0 { return bytes }
            bytes.append(buffer, count: count)
        }
    }

    private static func failure(_ path: String, _ code: Int32) -> CommandFailure {
        CommandFailure("cannot read \(path): \(String(cString: strerror(code)))")
    }
}
