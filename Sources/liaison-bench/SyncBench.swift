import ArgumentParser
import CurlHTTP
import Foundation
import LiaisonBundledPlugins
import LiaisonCore
import LiaisonStore

/// `liaison-bench sync --records N`: a first sync of N `liaison seed` records from one node to another over
/// loopback (beside SQLite's own insert of the same rows), optionally updated records synced into a
/// large node (`--into`), then one change travelling through a seven-node mesh. Real `liaison serve`
/// processes, real HTTP through libcurl.
struct SyncBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Time a first sync of N records between two nodes, and one change through a 7-node mesh."
    )

    @Option(help: "Records at the first node (made by `liaison seed`).") var records = 100_000
    @Option(help: "Changes sent through the mesh (the median is printed).") var changes = 5
    @Option(help: "The mesh's sync interval in seconds.") var interval = 0.5
    @Option(
        help:
            "Also sync --updates records updated at a copy of the store in this directory (e.g. one of a million records, seeded by `liaison seed`) into a node that holds the rest; the directory is only read."
    )
    var into: String?
    @Option(help: "Records updated for --into.") var updates = 100_000

    func run() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try await firstSync(root: root.appendingPathComponent("pair"))
        if let into {
            try await SyncUpdatesBench.run(base: URL(fileURLWithPath: into), updates: updates, root: root.appendingPathComponent("updates"))
        }
        try await mesh(root: root.appendingPathComponent("mesh"))
    }

    private func firstSync(root: URL) async throws {
        let (source, target) = (root.appendingPathComponent("mumbai"), root.appendingPathComponent("chennai"))
        try LiaisonStore.initialise(directory: source, office: "mumbai")
        try LiaisonStore.initialise(directory: target, office: "chennai")
        _ = try NodeProcess.run(["seed", "--records", String(records), "--data", source.path])
        let store = try LiaisonStore(directory: source, schema: BundledPlugins.schema)
        let token = root.appendingPathComponent("mumbai.token")
        let peerToken = try await store.createToken(name: "chennai", role: .peer)
        try peerToken.write(to: token, atomically: true, encoding: .utf8)
        let (server, port) = try NodeProcess.serve(data: source, syncInterval: 0)
        defer { NodeProcess.stop(server) }
        let setup = try NodeProcess.run([
            "peer", "add", "mumbai", "http://127.0.0.1:\(port)", "--token-file", token.path,
            "--data", target.path,
        ])
        let serverCPUBefore = NodeProcess.cpuSeconds(of: server)
        let sync = try NodeProcess.run(["sync", "--data", target.path])
        let serverCPU = NodeProcess.cpuSeconds(of: server) - serverCPUBefore
        let (wire, plain) = Self.bytes(in: sync.output)
        say("first sync of \(records) records, mumbai → chennai over loopback (release build):")
        say("  time            \(String(format: "%.2f", sync.seconds)) s")
        say("  records/s       \(Int(Double(records) / sync.seconds))")
        say(
            "  bytes on wire   \(wire) (\(wire / max(records, 1)) per record, gzip); as JSON \(plain) "
                + "(\(plain / max(records, 1)) per record), \(String(format: "%.1f", Double(plain) / Double(max(wire, 1))))× fewer"
        )
        say(
            "  CPU time        serving node \(String(format: "%.2f", serverCPU)) s, pulling node "
                + "\(String(format: "%.2f", sync.cpuSeconds - setup.cpuSeconds)) s"
        )
        say("  peak RSS        serving node \(NodeProcess.peakKiB(of: server) / 1024) MiB, pulling node \(sync.peakKiB / 1024) MiB")
        let baseline = try SQLiteBaseline.insertSeconds(copying: target, into: root.appendingPathComponent("baseline"))
        say(
            "  SQLite alone    \(Int(Double(records) / baseline)) records/s inserting the same (id, state) rows, "
                + "1,000 a transaction; sync takes \(String(format: "%.1f", sync.seconds / baseline))× as long"
        )
    }

    /// The byte counts `liaison sync` printed: "N bytes on the wire (M as JSON)".
    private static func bytes(in output: String) -> (wire: Int, plain: Int) {
        let words = output.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ")" })
        func number(before word: String) -> Int {
            words.firstIndex { $0 == word }.flatMap { $0 > 0 ? Int(words[$0 - 1]) : nil } ?? 0
        }
        return (number(before: "bytes"), number(before: "as"))
    }

    private func mesh(root: URL) async throws {
        var nodes: [(office: String, data: URL, process: Process, port: Int, token: String)] = []
        defer { nodes.forEach { NodeProcess.stop($0.process) } }
        for office in CoreSchema.offices {
            let data = root.appendingPathComponent(office)
            try LiaisonStore.initialise(directory: data, office: office)
            let store = try LiaisonStore(directory: data, schema: BundledPlugins.schema)
            let peerToken = try await store.createToken(name: "mesh", role: .peer)
            try peerToken.write(to: root.appendingPathComponent("\(office).token"), atomically: true, encoding: .utf8)
            let staff = try await store.createToken(name: "bench", role: .editor)
            let (process, port) = try NodeProcess.serve(data: data, syncInterval: interval)
            nodes.append((office, data, process, port, staff))
        }
        for node in nodes {
            for other in nodes where other.office != node.office {
                _ = try NodeProcess.run([
                    "peer", "add", other.office, "http://127.0.0.1:\(other.port)",
                    "--token-file", root.appendingPathComponent("\(other.office).token").path,
                    "--data", node.data.path,
                ])
            }
        }
        let client = CurlClient()
        defer { client.shutdown() }
        var latencies: [Double] = []
        for index in 0..<changes {
            let origin = nodes[index % nodes.count]
            let body = #"{"title":"Mesh change \#(index)","type":"event","tracks":["sccp"]}"#
            let (seconds, _) = try await Timing.measure {
                let created = try await client.send(
                    HTTPRequest(
                        method: "POST",
                        url: "http://127.0.0.1:\(origin.port)/v1/records",
                        headers: [("Authorization", "Bearer \(origin.token)"), ("Content-Type", "application/json")],
                        body: Array(body.utf8)
                    )
                )
                let id = (try JSONSerialization.jsonObject(with: Data(created.body)) as? [String: Any])?["id"] as? String ?? ""
                for node in nodes where node.office != origin.office {
                    while try await client.send(
                        HTTPRequest(
                            url: "http://127.0.0.1:\(node.port)/v1/records/\(id)",
                            headers: [("Authorization", "Bearer \(node.token)")]
                        )
                    ).status != 200 {
                        try await Task.sleep(for: .milliseconds(20))
                    }
                }
            }
            latencies.append(seconds)
        }
        say("one change through a 7-node full mesh (sync interval \(interval) s, \(changes) changes):")
        say("  median time until all 6 other nodes have it   \(String(format: "%.2f", Timing.median(latencies))) s")
        say("  peak RSS per node   \(nodes.map { NodeProcess.peakKiB(of: $0.process) / 1024 }.map(String.init).joined(separator: ", ")) MiB")
    }
}
