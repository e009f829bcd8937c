public import Foundation
import LiaisonSync

extension NodeConfig {
    /// Every settable key (`section.key`), with the environment variable that overrides it.
    public static let keys: [(key: String, environment: String)] = [
        ("server.host", "LIAISON_HOST"), ("server.port", "LIAISON_PORT"),
        ("server.tls_certificate", "LIAISON_TLS_CERTIFICATE"), ("server.tls_key", "LIAISON_TLS_KEY"),
        ("sync.interval", "LIAISON_SYNC_INTERVAL"), ("sync.batch_records", "LIAISON_BATCH_RECORDS"),
        ("sync.batch_bytes", "LIAISON_BATCH_BYTES"), ("sync.timeout", "LIAISON_SYNC_TIMEOUT"),
        ("sync.ca_file", "LIAISON_CA_FILE"), ("sync.compression", "LIAISON_SYNC_COMPRESSION"),
        ("sync.bulk_load_records", "LIAISON_BULK_LOAD_RECORDS"), ("log.level", "LIAISON_LOG_LEVEL"),
        ("log.format", "LIAISON_LOG_FORMAT"),
    ]

    /// Applies the `LIAISON_*` environment variables that are set.
    public mutating func applyEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        for (key, variable) in Self.keys {
            if let value = environment[variable], !value.isEmpty { try set(key, to: value, place: variable) }
        }
    }

    /// Sets one key from text, checking it. `place` names where the text came from, for errors.
    public mutating func set(_ key: String, to value: String, place: String) throws {
        func number(_ range: ClosedRange<Double>) throws -> Double {
            guard let number = Double(value), range.contains(number) else {
                throw ConfigError(
                    place: place,
                    problem: "\(key) must be a number from \(Self.show(range.lowerBound)) to \(Self.show(range.upperBound)), got \"\(value)\""
                )
            }
            return number
        }
        func whole(_ range: ClosedRange<Int>) throws -> Int {
            guard let number = Int(value), range.contains(number) else {
                throw ConfigError(
                    place: place,
                    problem: "\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound), got \"\(value)\""
                )
            }
            return number
        }
        func oneOf(_ allowed: [String]) throws -> String {
            guard allowed.contains(value) else {
                throw ConfigError(place: place, problem: "\(key) must be one of \(allowed.joined(separator: ", ")), got \"\(value)\"")
            }
            return value
        }
        switch key {
        case "server.host": host = value
        case "server.port": port = try whole(0...65535)
        case "server.tls_certificate": tlsCertificate = value
        case "server.tls_key": tlsKey = value
        case "sync.interval":
            // A sliver of a second (`1e-300`) had the node ask each peer hundreds of times a second.
            let seconds = try number(0...86_400)
            guard seconds == 0 || seconds >= 0.1 else {
                throw ConfigError(place: place, problem: "\(key) must be 0 (no periodic sync) or at least 0.1 seconds, got \"\(value)\"")
            }
            syncInterval = seconds
        case "sync.batch_records": batchRecords = try whole(1...SyncProtocol.maxBatchRecords)
        case "sync.batch_bytes": batchBytes = try whole(SyncProtocol.minBatchBytes...SyncProtocol.maxBatchBytes)
        case "sync.timeout": syncTimeout = try number(0.1...3_600)
        case "sync.ca_file": caFile = value
        case "sync.compression": syncCompression = try oneOf(["gzip", "off"]) == "gzip"
        case "sync.bulk_load_records": bulkLoadRecords = try whole(0...1_000_000_000)
        case "log.level": logLevel = try oneOf(["trace", "debug", "info", "notice", "warning", "error", "critical"])
        case "log.format": logFormat = try oneOf(["text", "json"])
        default:
            let section = key.split(separator: ".", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let known = Self.keys.map(\.key).filter { $0.hasPrefix(section + ".") }.map { $0.split(separator: ".")[1] }
            let name = key.split(separator: ".").last.map(String.init) ?? ""
            let owners = Self.keys.map(\.key).filter { $0.hasSuffix("." + name) }.map { "[\($0.split(separator: ".")[0])]" }
            let hint =
                !known.isEmpty
                ? "; keys in [\(section)]: \(known.joined(separator: ", "))"
                : owners.isEmpty ? "" : "; it belongs under \(owners.joined(separator: " or "))"
            throw ConfigError(
                place: place,
                problem:
                    "unknown key \"\(name)\"\(section.isEmpty ? " outside any section" : " in [\(section)]")\(hint)"
            )
        }
    }

    private static func show(_ number: Double) -> String {
        number == number.rounded() ? String(Int(number)) : String(number)
    }
}
