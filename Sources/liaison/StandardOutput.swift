import Foundation
import LiaisonCore

/// Buffered writes to standard output, for lists too long to build as one string.
struct StandardOutput {
    private var buffer: [UInt8] = []
    /// Whether the output is for people: control characters escaped (``printForPeople(_:terminator:)``).
    let forPeople: Bool

    /// Output for people when `forPeople`, data (JSON, CSV) written exactly otherwise.
    init(forPeople: Bool) {
        self.forPeople = forPeople
    }

    /// Adds text, writing the buffer out once it holds 64 KiB.
    mutating func write(_ text: String) {
        buffer.append(contentsOf: (forPeople ? TerminalText.output(text) : text).utf8)
        if buffer.count >= 65_536 { flush() }
    }

    /// Writes what is buffered.
    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
