public import Foundation
import LiaisonCore
public import Logging
import Synchronization

/// A swift-log handler writing one JSON object per line (`log.format = json`):
///
/// ```
/// {"ts":"2025-01-31T09:30:12.345Z","level":"info","label":"liaison.sync","message":"synced","peer":"chennai","pulled":"3"}
/// ```
///
/// `ts` is UTC with milliseconds; metadata (the logger's, the provider's, then the message's)
/// follows as further keys, strings as strings, nested metadata as objects and arrays. A metadata
/// key that clashes with `ts`, `level`, `label` or `message` is written as `meta.<key>`.
///
/// ```swift
/// LoggingSystem.bootstrap { JSONLogHandler(label: $0, level: .info) }
/// ```
public struct JSONLogHandler: LogHandler {
    /// Receives each finished line (with its newline).
    public typealias Sink = @Sendable (String) -> Void

    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    let label: String
    let sink: Sink

    /// A handler for `label` writing to `sink` (standard error by default).
    public init(
        label: String,
        level: Logger.Level = .info,
        metadataProvider: Logger.MetadataProvider? = nil,
        sink: @escaping Sink = JSONLogHandler.standardError
    ) {
        self.label = label
        self.logLevel = level
        self.metadataProvider = metadataProvider
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let own = event.metadata { merged.merge(own) { _, new in new } }
        sink(Self.line(date: Date(), level: event.level, label: label, message: "\(event.message)", metadata: merged))
    }

    static let reserved: Set<String> = ["ts", "level", "label", "message"]

    /// The JSON line of one event (keys `ts`, `level`, `label`, `message`, then metadata sorted by key).
    public static func line(date: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata) -> String {
        var writer = JSONWriter()
        writer.raw("{\"ts\":")
        writer.string(timestamp(date))
        writer.raw(",\"level\":")
        writer.string(level.rawValue)
        writer.raw(",\"label\":")
        writer.string(label)
        writer.raw(",\"message\":")
        writer.string(message)
        for key in metadata.keys.sorted() {
            writer.raw(",")
            writer.string(reserved.contains(key) ? "meta.\(key)" : key)
            writer.raw(":")
            write(metadata[key]!, into: &writer)
        }
        writer.raw("}\n")
        return writer.output
    }

    private static func write(_ value: Logger.Metadata.Value, into writer: inout JSONWriter) {
        switch value {
        case .string(let text): writer.string(text)
        case .stringConvertible(let value): writer.string(value.description)
        case .array(let values):
            writer.raw("[")
            for (index, value) in values.enumerated() {
                if index > 0 { writer.raw(",") }
                write(value, into: &writer)
            }
            writer.raw("]")
        case .dictionary(let dictionary):
            writer.raw("{")
            for (index, key) in dictionary.keys.sorted().enumerated() {
                if index > 0 { writer.raw(",") }
                writer.string(key)
                writer.raw(":")
                write(dictionary[key]!, into: &writer)
            }
            writer.raw("}")
        }
    }

    /// `2025-01-31T09:30:12.345Z`.
    static func timestamp(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(millis / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(millis % 1000), 3))Z"
    }

    private static let stderrLock = Mutex(())

    /// Writes a line to standard error in one `write`, lines never interleaving.
    public static let standardError: Sink = { line in
        stderrLock.withLock { _ in
            var bytes = Array(line.utf8)
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeMutableBytes { buffer in
                    Foundation.write(2, buffer.baseAddress! + offset, buffer.count - offset)
                }
                if written <= 0 { break }
                offset += written
            }
        }
    }
}

/// Bootstraps swift-log for a node: JSON lines (`json`) or swift-log's text lines (`text`) on
/// standard error, at `level`. Call once per process, before making loggers.
public func bootstrapLogging(format: String, level: Logger.Level) {
    LoggingSystem.bootstrap { label in
        if format == "json" { return JSONLogHandler(label: label, level: level) }
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = level
        return handler
    }
}
