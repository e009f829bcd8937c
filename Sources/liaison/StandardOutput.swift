import Foundation
import LiaisonCore

/// Buffered writes to standard output, for lists too long to build as one string. A write that
/// fails (a full disk) stops the output and is reported by ``flush()``, never
/// ignored: a script must not take an empty file for an export.
struct StandardOutput {
    private var buffer: [UInt8] = []
    private var failure: CommandFailure?
    /// Whether the output is for people: control characters escaped (``printForPeople(_:terminator:)``).
    let forPeople: Bool

    /// Output for people when `forPeople`, data (JSON, CSV) written exactly otherwise.
    init(forPeople: Bool) {
        self.forPeople = forPeople
    }

    /// Adds text, writing the buffer out once it holds 64 KiB.
    mutating func write(_ text: String) {
        guard failure == nil else { return }
        buffer.append(contentsOf: (forPeople ? TerminalText.output(text) : text).utf8)
        if buffer.count >= 65_536 { writeBuffer() }
    }

    /// Writes what is buffered.
    /// - Throws: ``CommandFailure`` naming why the output could not be written.
    mutating func flush() throws {
        writeBuffer()
        if let failure { throw failure }
    }

    private mutating func writeBuffer() {
        guard failure == nil, !buffer.isEmpty else { return }
        do { try Self.write(buffer) } catch { failure = error }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes `bytes` to standard output, all of them, after what `print` buffered before them.
    /// - Throws: ``CommandFailure`` naming why they could not be written.
    static func write(_ bytes: some Collection<UInt8>) throws(CommandFailure) {
        try finish()
        let bytes = Array(bytes)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Foundation.write(STDOUT_FILENO, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw failed(errno) }
            offset += written
        }
    }

    /// Writes out what `print` buffered (before direct writes, and at the end of a command).
    /// - Throws: ``CommandFailure`` when it could not be written. (Long outputs go through
    ///   ``StandardOutput``, whose every write is checked; `print` serves short ones.)
    static func finish() throws(CommandFailure) {
        if fflush(nil) != 0 { throw failed(errno) }
    }

    private static func failed(_ code: Int32) -> CommandFailure {
        CommandFailure("cannot write the output: \(String(cString: strerror(code)))")
    }
}
