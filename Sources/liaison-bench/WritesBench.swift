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
        abstract:
            "Post records from several connections at once to a real node: writes/s, p50 and p99, and beside them the same requests refused before the store."
    )

    @Option(help: "Concurrent connections, each posting one record after another.") var connections = 8
    @Option(help: "Seconds to post for.") var seconds = 10.0
    @Option(help: "Stop each round after this many requests (default: when --seconds are up).") var writes: Int?
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
    /// sends the same requests refused by validation, and prints the figures of both.
    private func measure(directory: URL, token: String) async throws {
        let (server, port) = try NodeProcess.serve(data: directory, syncInterval: 0)
        defer { NodeProcess.stop(server) }
        let client = CurlClient(configuration: .init(workerThreads: connections))
        defer { client.shutdown() }
        // Posts record `index`, with a field no record has when `refused`; checks the answer.
        let post = { @Sendable (index: Int, refused: Bool) throws -> Double in
            let unknown = refused ? #","bench_refused":true"# : ""
            let body = #"{"title":"Bench write \#(index)","type":"investment","tracks":["sccp"],"value_usd":\#(abs(index))\#(unknown)}"#
            let (seconds, response) = try Timing.measure {
                try client.sendWaiting(
                    HTTPRequest(
                        method: "POST",
                        url: "http://127.0.0.1:\(port)/v1/records",
                        headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")],
                        body: Array(body.utf8)
                    )
                )
            }
            guard response.status == (refused ? 400 : 201) else {
                throw BenchFailure("POST /v1/records answered \(response.status): \(String(decoding: response.body, as: UTF8.self))")
            }
            return seconds
        }
        for index in 0..<100 { _ = try post(-1 - index, false) }  // warm up: connections, caches

        let written = try await round(of: server) { try post($0, false) }
        say("record writes, POST /v1/records from \(connections) connections to one `liaison serve` (release build):")
        say("  writes          \(written.latencies.count) in \(String(format: "%.2f", written.elapsed)) s")
        say("  writes/s        \(Int(written.perSecond))")
        say("  latency p50     \(Timing.ms(Timing.percentile(written.latencies, 0.5)))")
        say("  latency p99     \(Timing.ms(Timing.percentile(written.latencies, 0.99)))")
        say("  CPU time        serving node \(String(format: "%.2f", written.nodeCPU)) s (\(written.microseconds(written.nodeCPU)) µs a write)")
        say(
            "                  this benchmark's client \(String(format: "%.2f", written.clientCPU)) s (\(written.microseconds(written.clientCPU)) µs a write)"
        )
        let cores = ProcessInfo.processInfo.activeProcessorCount
        say("  machine         \(cores) cores, \(Int(written.busy * 100)) % busy meanwhile (every process, the client's included)")

        // The same requests with a field no record has: the node answers 400 before the store,
        // so these figures are the HTTP, the token and the JSON alone, the ceiling for writes.
        let refused = try await round(of: server) { try post($0, true) }
        say("the same requests refused by validation (a field no record has; nothing written), same node:")
        say("  requests/s      \(Int(refused.perSecond))")
        say("  latency p50     \(Timing.ms(Timing.percentile(refused.latencies, 0.5)))")
        say(
            "  CPU time        serving node \(refused.microseconds(refused.nodeCPU)) µs a request, this benchmark's client \(refused.microseconds(refused.clientCPU)) µs"
        )
        say("  machine         \(Int(refused.busy * 100)) % busy meanwhile")
        let ratio = written.perSecond / max(refused.perSecond, 1)
        say("  writes/s are \(Int(ratio * 100)) % of these requests/s")
    }

    /// One round of requests: each connection, a thread of its own waiting on its answers (so
    /// the client spends its CPU on requests, not on hand-offs between threads), sends `request`
    /// after `request` (numbered from 0) until `--seconds` are up or `--writes` were sent.
    private func round(of server: Process, request: @escaping @Sendable (Int) throws -> Double) async throws -> Round {
        let limit = writes ?? Int.max
        let counter = Counter()
        let before = (node: NodeProcess.cpuSeconds(of: server), client: CPUTime.ofThisProcess(), machine: CPUTime.ofMachine())
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
        let (elapsed, outcomes) = await Timing.measure {
            await withTaskGroup(of: Result<[Double], any Error>.self) { group in
                for _ in 0..<connections {
                    group.addTask {
                        await OwnThread.run {
                            var latencies: [Double] = []
                            while DispatchTime.now().uptimeNanoseconds < deadline, let index = counter.next(below: limit) {
                                latencies.append(try request(index))
                            }
                            return latencies
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
        }
        let latencies = try outcomes.flatMap { try $0.get() }
        let machine = CPUTime.ofMachine()
        return Round(
            elapsed: elapsed,
            latencies: latencies,
            nodeCPU: NodeProcess.cpuSeconds(of: server) - before.node,
            clientCPU: CPUTime.ofThisProcess() - before.client,
            busy: (machine.busy - before.machine.busy) / max(machine.all - before.machine.all, 1e-9)
        )
    }
}

/// Runs blocking work on a thread of its own, away from Swift's cooperative pool.
private enum OwnThread {
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async -> Result<T, any Error> {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: Result { try body() }) }.start()
        }
    }
}

/// What a round of requests gave.
private struct Round {
    let elapsed: Double
    let latencies: [Double]
    /// CPU seconds the serving node and this benchmark spent during the round.
    let nodeCPU: Double
    let clientCPU: Double
    /// The share of the machine's cores busy during the round.
    let busy: Double

    var perSecond: Double { Double(latencies.count) / elapsed }

    /// `seconds` of CPU spread over the round's requests, in whole microseconds.
    func microseconds(_ seconds: Double) -> Int { Int(seconds / Double(max(latencies.count, 1)) * 1e6) }
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
