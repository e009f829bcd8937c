import Foundation

/// A bundle's events, written to a temporary file while its states stream out, then copied
/// after them: memory stays bounded however many events a bundle holds.
final class EventSpool {
    private let file: URL
    private let handle: FileHandle
    private var count = 0

    /// A new, empty spool in the temporary directory.
    init() throws {
        file = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-events-\(UUID().uuidString).json")
        guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
            throw BundleError("cannot create a temporary file in \(file.deletingLastPathComponent().path)")
        }
        handle = try FileHandle(forUpdating: file)
    }

    /// Adds events (canonical JSON), comma-separated from those before.
    func append(_ events: [String]) throws {
        guard !events.isEmpty else { return }
        let text = (count == 0 ? "" : ",") + events.joined(separator: ",")
        try handle.write(contentsOf: Data(text.utf8))
        count += events.count
    }

    /// Passes everything written, a chunk at a time, to `sink`.
    func copy(to sink: (Data) throws -> Void) throws {
        try handle.seek(toOffset: 0)
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { try sink(chunk) }
    }

    /// Closes and deletes the file.
    func remove() {
        try? handle.close()
        try? FileManager.default.removeItem(at: file)
    }
}
