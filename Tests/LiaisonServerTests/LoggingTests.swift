import Foundation
import LiaisonServer
import Logging
import Synchronization
import Testing

@Suite("JSON log lines (log.format = json)")
struct LoggingTests {
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    static func logger(_ lines: Lines, level: Logger.Level = .info) -> Logger {
        Logger(label: "liaison.test") { label in JSONLogHandler(label: label, level: level) { lines.append($0) } }
    }

    static func object(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func oneObjectPerLineWithTheFixedKeysAndMetadata() throws {
        let lines = Lines()
        var logger = Self.logger(lines)
        logger[metadataKey: "node"] = "mumbai.k3f9q2"
        logger.info("synced", metadata: ["peer": "chennai", "pulled": "3", "quote": "say \"hi\"\nbye"])
        logger.warning("sync failed", metadata: ["detail": .dictionary(["code": "7", "tries": .array(["1", "2"])])])
        #expect(lines.all.count == 2)
        for line in lines.all {
            #expect(line.hasSuffix("\n"))
            #expect(line.dropLast().contains("\n") == false)
        }
        let first = try Self.object(lines.all[0])
        #expect(first["level"] as? String == "info")
        #expect(first["label"] as? String == "liaison.test")
        #expect(first["message"] as? String == "synced")
        #expect(first["peer"] as? String == "chennai")
        #expect(first["pulled"] as? String == "3")
        #expect(first["node"] as? String == "mumbai.k3f9q2")
        #expect(first["quote"] as? String == "say \"hi\"\nbye")
        let ts = try #require(first["ts"] as? String)
        #expect(ts.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil, "\(ts)")
        let parsed = try #require(ISO8601DateFormatter().date(from: ts.replacing(/\.\d{3}/, with: "")))
        #expect(abs(parsed.timeIntervalSinceNow) < 60)

        let second = try Self.object(lines.all[1])
        #expect(second["level"] as? String == "warning")
        let detail = try #require(second["detail"] as? [String: Any])
        #expect(detail["code"] as? String == "7")
        #expect(detail["tries"] as? [String] == ["1", "2"])
    }

    @Test func levelFiltersAndReservedKeysDoNotClash() throws {
        let lines = Lines()
        let logger = Self.logger(lines, level: .warning)
        logger.info("hidden")
        logger.error("shown", metadata: ["message": "a metadata value", "level": "x"])
        #expect(lines.all.count == 1)
        let object = try Self.object(lines.all[0])
        #expect(object["message"] as? String == "shown")
        #expect(object["level"] as? String == "error")
        #expect(object["meta.message"] as? String == "a metadata value")
        #expect(object["meta.level"] as? String == "x")
    }

    @Test func fixedTimestampFormat() {
        let line = JSONLogHandler.line(
            date: Date(timeIntervalSince1970: 1_738_315_812.345),
            level: .notice,
            label: "l",
            message: "m",
            metadata: [:]
        )
        #expect(line == #"{"ts":"2025-01-31T09:30:12.345Z","level":"notice","label":"l","message":"m"}"# + "\n")
    }
}
