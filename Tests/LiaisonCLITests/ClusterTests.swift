import CurlHTTP
import Foundation
import LiaisonCluster
import TestProcesses
import Testing

/// `liaison cluster up/status/down` with seven real `liaison serve` processes, and `liaison status`.
@Suite(.serialized, .offThePool)
struct ClusterTests {
    static let cities = ["new-delhi", "mumbai", "chennai", "kolkata", "hyderabad", "bengaluru", "ahmedabad"]

    /// Runs `liaison ARGS` (no `--data`), returning status, stdout and stderr.
    static func liaison(_ arguments: [String]) throws -> Run {
        try LiaisonRun.run(arguments, data: nil)
    }

    /// A base port with seven free loopback ports after it.
    static func freeBasePort() throws -> Int {
        for _ in 0..<50 {
            let base = Int.random(in: 20_000...50_000)
            if (base..<(base + 7)).allSatisfy(PortProbe.isFree) { return base }
        }
        throw NodeFailure("no seven consecutive free ports")
    }

    /// The pids in DIR/cluster.json.
    static func pids(_ directory: URL) throws -> [Int32] {
        let data = try Data(contentsOf: directory.appendingPathComponent("cluster.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (object["nodes"] as? [[String: Any]] ?? []).compactMap { ($0["pid"] as? NSNumber)?.int32Value }
    }

    /// Whether a pid is a live process (a zombie awaiting its reaper counts as gone).
    static func alive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return true }
        return !stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    /// What a `liaison` command gave: its exit status, standard output and standard error.
    typealias Run = (status: Int32, stdout: String, stderr: String)

    /// Brings a cluster up in a new directory on seven free ports, `records` records a node,
    /// runs `body` with the directory, the base port and what `cluster up` gave, and then takes
    /// the cluster down whatever happened: every node it lists continued (one may be stopped),
    /// `cluster down`, and a node still running killed.
    static func withCluster(records: Int, _ body: (_ directory: URL, _ base: Int, _ up: Run) async throws -> Void) async throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.url.appendingPathComponent("cluster")
        let base = try freeBasePort()
        var started: [Int32] = []
        defer {
            let listed = Set(started + ((try? pids(directory)) ?? []))
            for pid in listed where alive(pid) { kill(pid, SIGCONT) }
            _ = try? liaison(["cluster", "down", "--dir", directory.path, "--grace", "5"])
            for pid in listed where alive(pid) { kill(pid, SIGKILL) }
            temporary.cleanUp()
        }
        let up = try liaison(["cluster", "up", "--dir", directory.path, "--base-port", "\(base)", "--records", "\(records)"])
        started = (try? pids(directory)) ?? []
        try await body(directory, base, up)
    }

    @Test func sevenCitiesComeUpSyncAndGoDown() async throws {
        try await Self.withCluster(records: 5) { directory, base, up in
            #expect(up.status == 0, "cluster up failed: \(up.stderr)")
            var pids = try Self.pids(directory)
            #expect(pids.count == 7)
            #expect(pids.allSatisfy(Self.alive), "every node outlives `cluster up`")
            for (index, city) in Self.cities.enumerated() {
                #expect(up.stdout.contains("http://127.0.0.1:\(base + index)"), "prints \(city)'s URL")
                let token = directory.appendingPathComponent("\(city)/admin.token")
                #expect(up.stdout.contains(token.path))
                let mode = try FileManager.default.attributesOfItem(atPath: token.path)[.posixPermissions] as? Int
                #expect(mode == 0o600)
                let password = directory.appendingPathComponent("\(city)/admin.password")
                #expect(up.stdout.contains(password.path), "says how to sign in to the web page")
                #expect(try FileManager.default.attributesOfItem(atPath: password.path)[.posixPermissions] as? Int == 0o600)
                let conf = try String(contentsOf: directory.appendingPathComponent("\(city)/liaison.conf"), encoding: .utf8)
                for other in Self.cities where other != city { #expect(conf.contains("[peer.\(other)]")) }
                #expect(!conf.contains("[peer.\(city)]"))
            }

            let again = try Self.liaison(["cluster", "up", "--dir", directory.path, "--base-port", "\(base)"])
            #expect(again.status != 0 && again.stderr.contains("already running"), "a second up refuses: \(again.stderr)")

            // A record added at Chennai reaches the six others.
            let chennaiToken = try String(contentsOf: directory.appendingPathComponent("chennai/admin.token"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let client = CurlClient(configuration: .init(connectTimeout: 5, totalTimeout: 30))
            defer { client.shutdown() }
            let created = try await client.send(
                HTTPRequest(
                    method: "POST",
                    url: "http://127.0.0.1:\(base + 2)/v1/records",
                    headers: [(name: "Authorization", value: "Bearer \(chennaiToken)"), (name: "Content-Type", value: "application/json")],
                    body: Array(#"{"title":"Chennai EV battery plant JV","type":"joint_venture","tracks":["critical_minerals"]}"#.utf8)
                )
            )
            #expect(created.status == 201)
            let id = try recordID(String(decoding: created.body, as: UTF8.self))
            for (index, city) in Self.cities.enumerated() where city != "chennai" {
                let token = try String(contentsOf: directory.appendingPathComponent("\(city)/admin.token"), encoding: .utf8)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                try await eventually("the Chennai record reaches \(city)", within: 120) {
                    let response = try? await client.send(
                        HTTPRequest(
                            url: "http://127.0.0.1:\(base + index)/v1/records/\(id)",
                            headers: [(name: "Authorization", value: "Bearer \(token)")]
                        )
                    )
                    return response?.status == 200
                }
            }

            // `cluster status --json` then shows every node in step: no lag, no errors.
            var last: [String: Any] = [:]
            try await eventually("cluster status shows zero lag everywhere", within: 120) {
                let status = try Self.liaison(["cluster", "status", "--dir", directory.path, "--json"])
                guard status.status == 0,
                    let object = try? JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
                else { return false }
                last = object
                let nodes = object["nodes"] as? [[String: Any]] ?? []
                return nodes.count == 7
                    && nodes.allSatisfy { node in
                        let peers = node["peers"] as? [[String: Any]] ?? []
                        return node["error"] == nil && peers.count == 6
                            && peers.allSatisfy { ($0["behind"] as? NSNumber)?.intValue == 0 && $0["last_error"] == nil }
                    }
            }
            #expect(last["in_step"] as? Bool == true)
            let records = (last["nodes"] as? [[String: Any]] ?? []).compactMap { ($0["records"] as? NSNumber)?.intValue }
            #expect(Set(records).count == 1, "every node holds the same records: \(records)")
            let text = try Self.liaison(["cluster", "status", "--dir", directory.path])
            #expect(text.stdout.contains("all seven nodes in step"))

            // A node that dies fails `cluster status`, named; `cluster up` starts it alone again.
            let killed = pids[3]
            kill(killed, SIGKILL)
            try await eventually("kolkata is gone") { !Self.alive(killed) }
            let failing = try Self.liaison(["cluster", "status", "--dir", directory.path])
            #expect(failing.status == 1, "a node down fails the status: \(failing.stdout)")
            #expect(failing.stderr.contains("1 of 7 nodes down: kolkata (not running)"), "\(failing.stderr)")
            #expect(failing.stdout.contains("kolkata: not running"), "the table still prints: \(failing.stdout)")
            let restart = try Self.liaison(["cluster", "up", "--dir", directory.path])
            #expect(restart.status == 0, "\(restart.stderr)")
            #expect(restart.stdout.contains("started 1 stopped node: kolkata"), "\(restart.stdout)")
            let restarted = try Self.pids(directory)
            #expect(restarted[3] != killed && Self.alive(restarted[3]))
            #expect(Array(restarted[..<3] + restarted[4...]) == Array(pids[..<3] + pids[4...]), "the six running were left alone")
            pids = restarted
            try await eventually("cluster status passes again", within: 60) {
                try Self.liaison(["cluster", "status", "--dir", directory.path]).status == 0
            }

            // `liaison status` reads a node's store directly, server or not.
            let local = try Self.liaison(["status", "--data", directory.appendingPathComponent("kolkata").path, "--json"])
            #expect(local.status == 0, "\(local.stderr)")
            let kolkata = try #require(try JSONSerialization.jsonObject(with: Data(local.stdout.utf8)) as? [String: Any])
            #expect(kolkata["office"] as? String == "kolkata")
            #expect((kolkata["peers"] as? [Any])?.count == 6)

            // Down leaves no process behind.
            let down = try Self.liaison(["cluster", "down", "--dir", directory.path])
            #expect(down.status == 0, "\(down.stderr)")
            #expect(down.stdout.contains("stopped 7 nodes"))
            for pid in pids { #expect(!Self.alive(pid), "pid \(pid) is gone after down") }

            // A cluster down is stopped, not gone: status lists its nodes and their data. (Without
            // cluster.json, the plain `up`s below would take the default ports: stop here then.)
            try #require(FileManager.default.fileExists(atPath: directory.appendingPathComponent("cluster.json").path))
            let status = try Self.liaison(["cluster", "status", "--dir", directory.path])
            #expect(status.status == 1)
            #expect(
                status.stderr.contains("7 of 7 nodes down")
                    && status.stderr.contains("the cluster is stopped: `liaison cluster up --dir \(directory.path)` starts it again on its ports"),
                "\(status.stderr)"
            )
            for (index, city) in Self.cities.enumerated() {
                #expect(status.stdout.contains("http://127.0.0.1:\(base + index)"), "\(status.stdout)")
                #expect(status.stdout.contains("\(city): not running; data in \(directory.appendingPathComponent(city).path)"))
            }

            // Up names a port of the cluster that something else took, and changes nothing.
            let blocker = try Self.occupy(base + 2)
            let blocked = try Self.liaison(["cluster", "up", "--dir", directory.path])
            close(blocker)
            #expect(blocked.status == 1)
            #expect(blocked.stderr.contains("port \(base + 2) (for chennai, the cluster's port) is in use"), "\(blocked.stderr)")
            #expect(try Self.pids(directory) == pids, "cluster.json is left as it was")

            // Up without --base-port starts the seven again on their own ports.
            let back = try Self.liaison(["cluster", "up", "--dir", directory.path])
            #expect(back.status == 0, "\(back.stderr)")
            #expect(back.stdout.contains("is stopped: starting it again"), "\(back.stdout)")
            for index in Self.cities.indices { #expect(back.stdout.contains("http://127.0.0.1:\(base + index)")) }
            try await eventually("cluster status passes after the restart", within: 60) {
                try Self.liaison(["cluster", "status", "--dir", directory.path]).status == 0
            }
        }
    }

    /// A socket listening on 127.0.0.1:`port`, to take it from the cluster.
    static func occupy(_ port: Int) throws -> Int32 {
        guard let fd = PortProbe.bound(port) else { throw NodeFailure("cannot bind port \(port)") }
        guard listen(fd, 1) == 0 else {
            close(fd)
            throw NodeFailure("cannot listen on port \(port)")
        }
        return fd
    }

    @Test func aNodeNotAnsweringGetsAdviceThatWorks() async throws {
        try await Self.withCluster(records: 0) { directory, base, up in
            #expect(up.status == 0, "cluster up failed: \(up.stderr)")
            let pids = try Self.pids(directory)

            // Kolkata's process lives but answers nothing.
            kill(pids[3], SIGSTOP)
            let status = try Self.liaison(["cluster", "status", "--dir", directory.path])
            #expect(status.status == 1)
            #expect(status.stderr.contains("1 of 7 nodes down: kolkata (not answering)"), "\(status.stderr)")
            #expect(
                status.stderr.contains("`liaison cluster down --dir \(directory.path)` then `liaison cluster up --dir \(directory.path)` restarts"),
                "\(status.stderr)"
            )
            #expect(!status.stderr.contains("starts the stopped ones"), "`up` alone would refuse: \(status.stderr)")

            // The advice works: `down` stops the stopped node too, by SIGTERM, not after the grace.
            let started = Date()
            let down = try Self.liaison(["cluster", "down", "--dir", directory.path, "--grace", "60"])
            #expect(down.status == 0, "\(down.stderr)")
            #expect(Date().timeIntervalSince(started) < 30, "kolkata was continued and shut down, not killed after 60 s")
            for pid in pids { #expect(!Self.alive(pid), "pid \(pid) is gone after down") }
            let again = try Self.liaison(["cluster", "up", "--dir", directory.path, "--base-port", "\(base)"])
            #expect(again.status == 0, "\(again.stderr)")
            try await eventually("cluster status passes again", within: 60) {
                try Self.liaison(["cluster", "status", "--dir", directory.path]).status == 0
            }
        }
    }

    @Test func aFileGivenAsTheDirectoryIsRefusedInOneLine() throws {
        let temporary = try TemporaryDirectory()
        defer { temporary.cleanUp() }
        let file = temporary.url.appendingPathComponent("notadir")
        try "notes\n".write(to: file, atomically: true, encoding: .utf8)
        let base = try Self.freeBasePort()
        for directory in [file, file.appendingPathComponent("demo")] {
            for command in [["up", "--base-port", "\(base)"], ["status"], ["down"]] {
                let run = try Self.liaison(["cluster", command[0], "--dir", directory.path] + command.dropFirst())
                #expect(run.status == 1, "\(command) --dir \(directory.path)")
                #expect(
                    run.stderr == "error: \(file.path) is a file, not a directory: give --dir a directory, new or made by `liaison cluster up`\n",
                    "\(command[0]): \(run.stderr)"
                )
            }
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == "notes\n", "the file is left as it was")
        #expect((base..<(base + 7)).allSatisfy(PortProbe.isFree), "no node was started")
    }

    @Test func localStatusShowsIdentityCountsAndPeers() throws {
        let temporary = try TemporaryDirectory()
        defer { temporary.cleanUp() }
        let data = temporary.url.appendingPathComponent("mumbai")
        let replica = try LiaisonRun.ok(["init", "--office", "mumbai"], data: data).trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try LiaisonRun.ok(["seed", "--records", "30", "--seed", "7", "--today", "2026-03-01"], data: data)
        let tokenFile = temporary.url.appendingPathComponent("chennai.token")
        try (String(repeating: "s", count: 43) + "\n").write(to: tokenFile, atomically: true, encoding: .utf8)
        _ = try LiaisonRun.ok(["peer", "add", "chennai", "http://127.0.0.1:9", "--token-file", tokenFile.path], data: data)

        let text = try LiaisonRun.ok(["status"], data: data)
        #expect(text.contains("replica   \(replica) (office mumbai)"))
        #expect(text.contains("sequence  "))
        #expect(text.contains("peers     1"))
        #expect(text.contains("chennai") && text.contains("last success never") && text.contains("behind unknown"))

        let json = try LiaisonRun.ok(["status", "--json"], data: data)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["replica_id"] as? String == replica)
        #expect(object["office"] as? String == "mumbai")
        let records = try #require(object["records"] as? Int)
        let deleted = try #require(object["deleted"] as? Int)
        #expect(records + deleted == 30)
        let conflicts = try #require(object["conflicts"] as? Int)
        #expect(text.contains("records   \(records) live, \(deleted) deleted; \(conflicts) with open conflicts (live or deleted)"), "\(text)")
        #expect((object["sequence"] as? Int ?? 0) >= 30)
        let peers = try #require(object["peers"] as? [[String: Any]])
        #expect(peers.count == 1 && peers[0]["name"] as? String == "chennai" && peers[0]["last_success"] is NSNull)

        let missing = try LiaisonRun.run(["status"], data: temporary.url.appendingPathComponent("nowhere"))
        #expect(missing.status != 0 && missing.stderr.contains("liaison init"))
    }
}
