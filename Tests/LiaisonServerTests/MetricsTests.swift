import Foundation
import LiaisonHTTP
import LiaisonServer
import LiaisonStore
import Testing

/// A Prometheus text exposition (format 0.0.4), parsed strictly enough to catch a malformed page.
struct PrometheusPage {
    struct Sample: Hashable {
        let name: String
        let labels: [String: String]
        let value: Double
    }

    var samples: [Sample] = []
    var types: [String: String] = [:]
    var helps: [String: String] = [:]

    static var namePattern: Regex<Substring> { /[a-zA-Z_:][a-zA-Z0-9_:]*/ }
    static var labelPattern: Regex<(Substring, Substring, Substring)> { /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\\\|\\"|\\n)*)"/ }

    /// Parses `text`; throws naming the first line that is not a comment, HELP/TYPE line or sample.
    init(_ text: String) throws {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            func bad(_ why: String) -> TestFailure { TestFailure("line \(index + 1) \(why): \(line)") }
            if line.isEmpty { continue }
            if line.hasPrefix("# HELP ") || line.hasPrefix("# TYPE ") {
                let parts = line.dropFirst(7).split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, parts[0].wholeMatch(of: Self.namePattern) != nil else { throw bad("bad HELP/TYPE") }
                if line.hasPrefix("# TYPE ") {
                    guard ["counter", "gauge", "histogram", "summary", "untyped"].contains(String(parts[1])) else {
                        throw bad("unknown type")
                    }
                    guard types[String(parts[0])] == nil else { throw bad("second TYPE") }
                    types[String(parts[0])] = String(parts[1])
                } else {
                    helps[String(parts[0])] = String(parts[1])
                }
                continue
            }
            if line.hasPrefix("#") { continue }
            guard let name = line.prefixMatch(of: Self.namePattern) else { throw bad("no metric name") }
            var rest = line[name.range.upperBound...]
            var labels: [String: String] = [:]
            if rest.hasPrefix("{") {
                guard let close = rest.lastIndex(of: "}") else { throw bad("unclosed labels") }
                let inside = rest[rest.index(after: rest.startIndex)..<close]
                var cursor = inside[...]
                while !cursor.isEmpty {
                    guard let match = cursor.prefixMatch(of: Self.labelPattern) else { throw bad("bad label") }
                    labels[String(match.1)] = String(match.2)
                    cursor = cursor[match.range.upperBound...]
                    if cursor.hasPrefix(",") { cursor = cursor.dropFirst() } else if !cursor.isEmpty { throw bad("bad label list") }
                }
                rest = rest[rest.index(after: close)...]
            }
            let fields = rest.split(separator: " ")
            guard rest.hasPrefix(" "), (1...2).contains(fields.count) else { throw bad("expected `name{labels} value [timestamp]`") }
            let valueText = String(fields[0])
            guard let value = Double(valueText) ?? ["+Inf": .infinity, "-Inf": -.infinity, "NaN": .nan][valueText] else {
                throw bad("bad value")
            }
            samples.append(Sample(name: String(name.output), labels: labels, value: value))
        }
        for sample in samples {
            let family = [sample.name, sample.name.replacing(/_(bucket|sum|count)$/, with: "")]
            guard family.contains(where: { types[$0] != nil }) else { throw TestFailure("no TYPE for \(sample.name)") }
        }
    }

    /// The value of the sample named `name` whose labels include `labels` (nil when none).
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { sample in sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value } }?.value
    }
}

@Suite("GET /metrics: Prometheus text, moved by syncs and requests")
struct MetricsTests {
    static func metrics(_ node: TestNode) async throws -> PrometheusPage {
        let reply = try await node.send("GET", "/metrics", token: node.token(.reader))
        #expect(reply.status == 200)
        #expect(reply.header("Content-Type")?.hasPrefix("text/plain") == true)
        return try PrometheusPage(reply.text)
    }

    @Test func parserRefusesMalformedText() {
        #expect(throws: (any Error).self) { try PrometheusPage("# TYPE a counter\na{b=\"c\"} notanumber\n") }
        #expect(throws: (any Error).self) { try PrometheusPage("# TYPE a counter\na{b=c} 1\n") }
        #expect(throws: (any Error).self) { try PrometheusPage("a 1\n") }
        #expect(throws: (any Error).self) { try PrometheusPage("# TYPE a countr\na 1\n") }
        #expect(throws: Never.self) { try PrometheusPage("# HELP a Things.\n# TYPE a counter\na{b=\"c\\\"d\"} 1.5e3\n") }
    }

    /// A method a route does not serve is counted under the route's pattern, as its 405 says,
    /// not among the unknown paths.
    @Test func aWrongMethodIsCountedUnderItsRoute() async throws {
        try await withNode { node in
            #expect(try await node.send("PROPFIND", "/v1/records/r1", token: node.token(.reader)).status == 405)
            let page = try await Self.metrics(node)
            let counted = ["route": "/v1/records/{id}", "method": "PROPFIND", "status": "405"]
            #expect(page.value("liaison_http_request_duration_seconds_count", counted) == 1)
        }
    }

    @Test func needsAToken() async throws {
        try await withNode { node in
            let anonymous = try await node.send("GET", "/metrics")
            #expect(anonymous.status == 401)
            let peer = try await node.send("GET", "/metrics", token: node.token(.peer))
            #expect(peer.status == 200)
        }
    }

    @Test func countersMoveAfterASync() async throws {
        try await withNode(office: "mumbai") { mumbai in
            try await withNode(office: "chennai") { chennai in
                try await NodeSyncTests.connect(mumbai, to: chennai, as: "chennai")
                for index in 0..<3 {
                    let reply = try await chennai.send(
                        "POST",
                        "/v1/records",
                        token: chennai.token(.editor),
                        json: #"{"title":"Chennai \#(index)","type":"event","tracks":["sccp"]}"#
                    )
                    #expect(reply.status == 201)
                }
                _ = try await mumbai.send(
                    "POST",
                    "/v1/records",
                    token: mumbai.token(.editor),
                    json: #"{"title":"Mumbai","type":"event","tracks":["sccp"]}"#
                )
                let before = try await Self.metrics(mumbai)
                #expect(before.value("liaison_records") == 1)
                #expect(before.value("liaison_sync_records_total", ["peer": "chennai"]) == nil)

                let sync = try await mumbai.send("POST", "/v1/sync", token: mumbai.token(.admin))
                #expect(sync.status == 200, "\(sync.text)")

                let after = try await Self.metrics(mumbai)
                let pull = ["peer": "chennai", "direction": "pull"]
                let push = ["peer": "chennai", "direction": "push"]
                #expect(after.types["liaison_sync_records_total"] == "counter")
                #expect(after.value("liaison_sync_records_total", pull) == 3)
                #expect(after.value("liaison_sync_records_total", push) == 1)
                #expect(after.value("liaison_sync_batches_total", pull) == 1)
                #expect(after.value("liaison_sync_batches_total", push) == 1)
                #expect((after.value("liaison_sync_bytes_total", pull) ?? 0) > 0)
                #expect((after.value("liaison_sync_bytes_total", push) ?? 0) > 0)
                #expect(after.value("liaison_records") == 4)
                #expect(after.value("liaison_conflicts_open") == 0)
                #expect(after.value("liaison_sync_behind", ["peer": "chennai"]) == 0)
                let lastSuccess = try #require(after.value("liaison_sync_last_success_timestamp_seconds", ["peer": "chennai"]))
                #expect(abs(lastSuccess - Date().timeIntervalSince1970) < 60)
                #expect(after.value("liaison_sync_duration_seconds_count", ["peer": "chennai", "outcome": "ok"]) == 1)
                #expect(after.types["liaison_http_request_duration_seconds"] == "histogram")
                #expect(
                    (after.value(
                        "liaison_http_request_duration_seconds_count",
                        ["route": "/v1/records", "method": "POST", "status": "201"]
                    ) ?? 0) >= 1
                )

                // The peer side counted its requests too (the route pattern, not the query).
                let there = try await Self.metrics(chennai)
                #expect(
                    (there.value(
                        "liaison_http_request_duration_seconds_count",
                        ["route": "/v1/sync/changes", "method": "GET", "status": "200"]
                    ) ?? 0) >= 1
                )
                #expect(there.value("liaison_records") == 4)
            }
        }
    }

    @Test func requestsThatTimedOutAreCountedByPeerAndDirection() async throws {
        try await withNode(office: "mumbai") { mumbai in
            let metrics = NodeMetrics()
            metrics.timedOut(peer: "chennai", direction: .pull, bytes: 2_097_152)
            metrics.timedOut(peer: "chennai", direction: .pull, bytes: 1_048_576)
            metrics.timedOut(peer: "chennai", direction: .push, bytes: 524_288)
            let page = try PrometheusPage(String(decoding: try await metrics.render(store: mumbai.store), as: UTF8.self))
            #expect(page.types["liaison_sync_timeouts_total"] == "counter")
            #expect(page.value("liaison_sync_timeouts_total", ["peer": "chennai", "direction": "pull"]) == 2)
            #expect(page.value("liaison_sync_timeouts_total", ["peer": "chennai", "direction": "push"]) == 1)
        }
    }

    @Test func failedSyncsAreCounted() async throws {
        try await withNode(office: "mumbai") { mumbai in
            let file = mumbai.directory.appendingPathComponent("dead.token")
            try "whatever\n".write(to: file, atomically: true, encoding: .utf8)
            try await mumbai.store.addPeer(.init(name: "dead", url: "http://127.0.0.1:9", tokenFile: file.path), now: 0)
            _ = try await mumbai.send("POST", "/v1/sync", token: mumbai.token(.admin))
            let page = try await Self.metrics(mumbai)
            #expect(page.value("liaison_sync_errors_total", ["peer": "dead"]) == 1)
            #expect(page.value("liaison_sync_failing", ["peer": "dead"]) == 1)
            // Removed, its gauges go, so an alert on liaison_sync_failing stops firing.
            try await mumbai.store.removePeer(named: "dead")
            let after = try await Self.metrics(mumbai)
            #expect(after.value("liaison_sync_failing", ["peer": "dead"]) == nil)
            #expect(after.value("liaison_peers") == 0)
        }
    }
}
