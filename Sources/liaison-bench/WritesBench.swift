import ArgumentParser
import CurlHTTP
import Foundation
import LiaisonBundledPlugins
import LiaisonStore

/// `liaison-bench writes`: record writes over HTTP to a real `liaison serve`, `POST /v1/records`
/// from several connections at once: writes/s, p50 and p99 (docs/design.md §5, "Group commit").
struct WritesBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "writes",
        abstract: "Post records from several connections at once to a real node: writes/s, p50 and p99."
    )

    @Option(help: "Concurrent connections, each posting one record after another.") var connections = 8
    @Option(help: "Seconds to post for.") var seconds = 10.0
    @Option(help: "Stop after this many writes (default: when --seconds are up).") var writes: Int?
    @Option(help: "Write into the store in this directory (it keeps the writes) instead of a new, empty one.")
    var data: String?

    func validate() throws {
        guard connections > 0, seconds > 0, (writes ?? 1) > 0 else {
            throw ValidationError("--connections, --seconds and --writes must be above 0")
        }
    }

    func run() async throws {
        let directory: URL
        if let data {
            directory = URL(fileURLWithPath: data)
        } else {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-bench-\(UUID().uuidString)")
            try LiaisonStore.initialise(directory: directory, office: "mumbai")
        }
        defer { if data == nil { try? FileManager.default.removeItem(at: directory) } }
        let store = try LiaisonStore(directory: directory, schema: BundledPlugins.schema)
        let tokenName = "bench-\(UUID().uuidString.prefix(8).lowercased())"
        let token = try await store.createToken(name: tokenName, role: .editor)
        // A store given with --data keeps the writes, not the benchmark's token, whatever happens.
        do {
            try await measure(directory: directory, token: token)
        } catch {
            try? await store.revokeToken(name: tokenName)
            throw error
        }
        try await store.revokeToken(name: tokenName)
    }

    /// Serves the store in `directory` and writes to it with `token` from the connections, then
    /// prints the figures.
    private func measure(directory: URL, token: String) async throws {
        let (server, port) = try NodeProcess.serve(data: directory, syncInterval: 0)
        defer { NodeProcess.stop(server) }
        let client = CurlClient(configuration: .init(workerThreads: connections))
        defer { client.shutdown() }
        let post = { @Sendable (index: Int) async throws -> Double in
            let body = #"{"title":"Bench write \#(index)","type":"investment","tracks":["sccp"],"value_usd":\#(abs(index))}"#
            let (seconds, response) = try await Timing.measure {
                try await client.send(
                    HTTPRequest(
                        method: "POST",
                        url: "http://127.0.0.1:\(port)/v1/records",
                        headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")],
                        body: Array(body.utf8)
                    )
                )
            }
            guard response.status == 201 else {
                throw BenchFailure("POST /v1/records answered \(response.status): \(String(decoding: response.body, as: UTF8.self))")
            }
            return seconds
        }
        for index in 0..<100 { _ = try await post(-1 - index) }  // warm up: connections, caches

        let limit = writes ?? Int.max
        let counter = Counter()
        let cpuBefore = (node: NodeProcess.cpuSeconds(of: server), client: CPUTime.ofThisProcess(), machine: CPUTime.ofMachine())
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
        let (elapsed, latencies) = try await Timing.measure {
            try await withThrowingTaskGroup(of: [Double].self) { group in
                for _ in 0..<connections {
                    group.addTask {
                        var latencies: [Double] = []
                        while DispatchTime.now().uptimeNanoseconds < deadline, let index = counter.next(below: limit) {
                            latencies.append(try await post(index))
                        }
                        return latencies
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
        }
        say("record writes, POST /v1/records from \(connections) connections to one `liaison serve` (release build):")
        say("  writes          \(latencies.count) in \(String(format: "%.2f", elapsed)) s")
        say("  writes/s        \(Int(Double(latencies.count) / elapsed))")
        say("  latency p50     \(Timing.ms(Timing.percentile(latencies, 0.5)))")
        say("  latency p99     \(Timing.ms(Timing.percentile(latencies, 0.99)))")
        let cpu = NodeProcess.cpuSeconds(of: server) - cpuBefore.node
        let clientCPU = CPUTime.ofThisProcess() - cpuBefore.client
        let machine = CPUTime.ofMachine()
        let perWrite = { (seconds: Double) in Int(seconds / Double(max(latencies.count, 1)) * 1e6) }
        say("  CPU time        serving node \(String(format: "%.2f", cpu)) s (\(perWrite(cpu)) µs a write)")
        say("                  this benchmark's client \(String(format: "%.2f", clientCPU)) s (\(perWrite(clientCPU)) µs a write)")
        let busy = (machine.busy - cpuBefore.machine.busy) / max(machine.all - cpuBefore.machine.all, 1e-9)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        say("  machine         \(cores) cores, \(Int(busy * 100)) % busy meanwhile (every process, the client's included)")
    }
}

/// Hands out write numbers to the connections, up to a limit.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var issued = 0

    func next(below limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard issued < limit else { return nil }
        issued += 1
        return issued - 1
    }
}
