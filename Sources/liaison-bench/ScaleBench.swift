import ArgumentParser
import CurlHTTP
import Foundation
import LiaisonBundledPlugins
import LiaisonReports
import LiaisonStore

/// `liaison-bench scale --records N`: what a person waits for at a node of N `liaison seed`
/// records, over HTTP to a real `liaison serve`: p50 and p99 of each request (docs/design.md §13).
struct ScaleBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale",
        abstract: "Time list pages, sorts, search, a deep page, status, one record and each report at a node of N records."
    )

    @Option(help: "Records in the store (seeded with `liaison seed` when fewer are there).") var records = 100_000
    @Option(help: "Keep the store in this directory and reuse it next time (default: a temporary one).")
    var data: String?
    @Option(help: "Requests per list, search, status and record operation (the first shown apart).") var runs = 100
    @Option(help: "Requests per report (0 skips the reports; the first shown apart).") var reportRuns = 5

    func validate() throws {
        guard records > 0, runs > 0, reportRuns >= 0 else {
            throw ValidationError("--records and --runs must be at least 1, --report-runs at least 0")
        }
    }

    func run() async throws {
        let temporary = data == nil
        let directory =
            data.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("liaison-bench-\(UUID().uuidString)")
        defer { if temporary { try? FileManager.default.removeItem(at: directory) } }
        try seed(directory)
        let store = try LiaisonStore(directory: directory, schema: BundledPlugins.schema)
        let token = try await store.createToken(name: "bench-\(UUID().uuidString.prefix(8))", role: .reader)
        let (server, port) = try NodeProcess.serve(data: directory, syncInterval: 3_600)
        defer { NodeProcess.stop(server) }
        // Reports over a million records take longer than the client's default 30 s.
        let client = CurlClient(configuration: .init(totalTimeout: 300))
        defer { client.shutdown() }
        let base = "http://127.0.0.1:\(port)"
        func get(_ path: String) async throws -> (status: Int, body: [UInt8]) {
            let response = try await client.send(HTTPRequest(url: base + path, headers: [("Authorization", "Bearer \(token)")]))
            guard response.status == 200 else {
                throw BenchFailure("GET \(path) answered \(response.status): \(String(decoding: response.body, as: UTF8.self))")
            }
            return (response.status, response.body)
        }
        func object(_ path: String) async throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(try await get(path).body)) as? [String: Any] ?? [:]
        }

        let first = try await object("/v1/records?limit=50")
        let ids = (first["records"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        let live = (try await object("/v1/status"))["records"] as? Int ?? 0
        let middle = live / 2
        let offsetTimed = try await Timing.measure { try await object("/v1/records?limit=50&offset=\(middle)") }
        guard let deep = offsetTimed.result["next"] as? String, !ids.isEmpty else {
            throw BenchFailure("the store has too few records to page")
        }
        say("\(live) live records; node at \(base)")
        say("")
        // The first request of each operation may read the store from disk (after a restart, or
        // once other work pushed it out of the page cache): it is shown apart, and p50 and p99 are
        // of the requests after it.
        let column = { (title: String) in title.leftPadded(8) + "   " }
        say(
            "operation".padding(toLength: 48, withPad: " ", startingAt: 0) + [column("p50"), column("p99"), column("first")].joined(separator: "  ")
                + "bytes".leftPadded(11)
        )
        var index = 0
        let operations: [(String, String, Int)] =
            [
                ("GET /v1/records?limit=50 (first page)", "/v1/records?limit=50", runs),
                ("  sorted by title", "/v1/records?limit=50&sort=title", runs),
                ("  sorted by value, office=mumbai", "/v1/records?limit=50&sort=value&office=mumbai", runs),
                ("  track=sccp, status=contacted", "/v1/records?limit=50&track=sccp&status=contacted", runs),
                ("  search q=lithium", "/v1/records?limit=50&q=lithium", runs),
                ("  search q=lith (a prefix)", "/v1/records?limit=50&q=lith", runs),
                ("  search q=mum (every Mumbai record)", "/v1/records?limit=50&q=mum", runs),
                ("  search q=mum, office=chennai", "/v1/records?limit=50&q=mum&office=chennai", runs),
                ("  deep page (record \(middle), by cursor)", "/v1/records?limit=50&cursor=\(deep)", runs),
                ("GET /v1/conflicts?limit=50", "/v1/conflicts?limit=50", runs),
                ("GET /v1/status", "/v1/status", runs),
                ("GET /v1/records/{id}", "", runs),
            ]
            + BundledPlugins.registry.reports.map { report in
                ("GET /v1/reports/\(report.id)", "/v1/reports/\(report.id)", reportRuns)
            } + [("GET /v1/reports/sccp?format=html", "/v1/reports/sccp?format=html", reportRuns)]
        for (name, path, count) in operations where count > 0 {
            var times: [Double] = []
            var bytes = 0
            for _ in 0..<count {
                let target = path.isEmpty ? "/v1/records/\(ids[index % ids.count])" : path
                index += 1
                let timed = try await Timing.measure { try await get(target) }
                times.append(timed.seconds)
                bytes = timed.result.body.count
            }
            let warm = times.count > 1 ? Array(times.dropFirst()) : times
            say(
                name.padding(toLength: 48, withPad: " ", startingAt: 0)
                    + Timing.ms(Timing.percentile(warm, 0.5)) + "  " + Timing.ms(Timing.percentile(warm, 0.99))
                    + "  " + Timing.ms(times[0]) + String(bytes).leftPadded(11)
            )
        }
        say("")
        say(
            "for comparison, offset paging to record \(middle) (`offset=\(middle)`, once): "
                + Timing.ms(offsetTimed.seconds).trimmingCharacters(in: .whitespaces)
        )
        say("node peak RSS while serving: \(NodeProcess.peakKiB(of: server) / 1024) MiB")
    }

    /// Makes the store in `directory` hold `records` records, seeding what is missing.
    private func seed(_ directory: URL) throws {
        let file = directory.appendingPathComponent(LiaisonStore.fileName)
        if !FileManager.default.fileExists(atPath: file.path) {
            _ = try NodeProcess.run(["init", "--office", "new-delhi", "--data", directory.path])
        }
        let status = try NodeProcess.run(["status", "--json", "--data", directory.path]).output
        let json = try JSONSerialization.jsonObject(with: Data(status.utf8)) as? [String: Any] ?? [:]
        let held = json["sequence"] as? Int ?? 0
        guard held < records else {
            say("reusing \(directory.path): \(held) records seeded")
            return
        }
        let seeded = try NodeProcess.run([
            "seed", "--records", "\(records - held)", "--seed", "\(held + 1)",
            "--data", directory.path,
        ])
        say(
            "seeded \(records - held) records with `liaison seed` in \(String(format: "%.1f", seeded.seconds)) s "
                + "(\(Int(Double(records - held) / seeded.seconds)) records/s), peak RSS \(seeded.peakKiB / 1024) MiB"
        )
    }
}
