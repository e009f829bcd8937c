import Foundation
import LiaisonConfig
import LiaisonCore
import LiaisonStore
import LiaisonSync
import Testing

@Suite("NodeConfig: the file, then the environment, then flags")
struct NodeConfigTests {
    /// A data directory holding `liaison.conf` with `text`, removed afterwards.
    func withConfigFile<T>(_ text: String, _ body: (URL) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try text.write(to: directory.appendingPathComponent(NodeConfig.fileName), atomically: true, encoding: .utf8)
        return try body(directory)
    }

    /// The error `body` throws, as the command line prints it (without `error: `).
    func problem(_ body: () throws -> Any) -> String? {
        do {
            _ = try body()
            return nil
        } catch let error as ConfigError {
            return error.description
        } catch {
            return "not a ConfigError: \(error)"
        }
    }

    @Test func withNoFileTheDefaultsHold() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-config-\(UUID().uuidString)")
        let config = try NodeConfig.resolve(directory: directory, environment: [:], flags: [])
        #expect(config == NodeConfig())
        #expect(config.host == "127.0.0.1")
        #expect(config.port == 8080)
        #expect(config.syncInterval == 30)
        #expect(config.sync.batchRecords == 500)
        #expect(config.sync.batchBytes == 4 << 20)
        #expect(config.sync.timeout == 30)
        #expect(config.logLevel == "info")
        #expect(config.logFormat == "text")
        #expect(config.peers.isEmpty)
    }

    /// A file that is there but cannot be read stops the node, naming it: running on defaults
    /// would serve plain HTTP on another port and drop the file's peers.
    @Test func aConfigFileThatCannotBeReadIsAnErrorNotTheDefaults() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent(NodeConfig.fileName)
        try (Data("# caf".utf8) + Data([0xE9]) + Data("\n[server]\nport = 9443\n".utf8)).write(to: file)
        #expect(problem { try NodeConfig.load(directory: directory) } == "\(file.path): is not UTF-8 text; save it as UTF-8")
        try FileManager.default.removeItem(at: file)
        try FileManager.default.createDirectory(at: file, withIntermediateDirectories: false)
        #expect(problem { try NodeConfig.load(directory: directory) } == "\(file.path): is a directory, not a config file")
    }

    /// The file's peers pass the checks of `liaison peer add`, or the node does not start and
    /// the store's peers stay as they were.
    @Test func aFilePeerThatPeerAddWouldRefuseStopsTheNode() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-config-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try LiaisonStore.initialise(directory: directory, office: "mumbai")
        let store = try LiaisonStore(directory: directory, schema: .core)
        let token = directory.appendingPathComponent("chennai.token").path
        try String(repeating: "k", count: 43).write(toFile: token, atomically: true, encoding: .utf8)
        let cases: [(url: String, tokenFile: String, problem: String)] = [
            ("gopher://x", token, "peer URL must be http://HOST[:PORT] or https://..., got \"gopher://x\""),
            ("http://chennai:99999", token, "peer URL's port must be a number from 1 to 65535, got \"http://chennai:99999\""),
            // A port past 2^64 Foundation reads as none, an empty host, and a path, query or
            // fragment that the sync paths would follow: each was added, and every sync failed.
            (
                "http://chennai:99999999999999999999", token,
                "peer URL's port must be a number from 1 to 65535, got \"http://chennai:99999999999999999999\""
            ),
            ("http://:8080", token, "peer URL must be http://HOST[:PORT] or https://..., got \"http://:8080\""),
            ("http://chennai:8080/liaison", token, "peer URL must be http://HOST[:PORT] or https://..., got \"http://chennai:8080/liaison\""),
            ("http://chennai:8080/?x=1", token, "peer URL must be http://HOST[:PORT] or https://..., got \"http://chennai:8080/?x=1\""),
            ("http://chennai:8080#x", token, "peer URL must be http://HOST[:PORT] or https://..., got \"http://chennai:8080#x\""),
            ("http://chennai:+80", token, "peer URL's port must be a number from 1 to 65535, got \"http://chennai:+80\""),
            ("https://ops:secret@chennai", token, "peer URL must not hold a user or password"),
            ("https://chennai", directory.path, "token file \(directory.path) is a directory, not a file holding a token"),
            (
                "https://chennai", directory.appendingPathComponent("no.token").path,
                "token file \(directory.appendingPathComponent("no.token").path) does not exist"
            ),
            (
                "https://chennai", directory.appendingPathComponent("liaison.sqlite").path,
                "token file \(directory.appendingPathComponent("liaison.sqlite").path) does not hold a token"
            ),
        ]
        for (url, tokenFile, problem) in cases {
            let config = try NodeConfig(parsing: "[peer.chennai]\nurl = \"\(url)\"\ntoken_file = \"\(tokenFile)\"\n")
            await #expect {
                try await config.registerPeers(in: store)
            } throws: { error in
                "\(error)".hasPrefix("liaison.conf [peer.chennai]: \(problem)")
            }
        }
        #expect(try await store.peers().isEmpty)
    }

    /// A relative file name in liaison.conf names a file beside it, wherever the node was
    /// started from (the tests run from the package directory, which holds no such file).
    @Test func relativeFileNamesInTheFileAreReadBesideIt() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-config-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try LiaisonStore.initialise(directory: directory, office: "mumbai")
        let store = try LiaisonStore(directory: directory, schema: .core)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("tokens"), withIntermediateDirectories: true)
        let token = directory.appendingPathComponent("tokens/chennai.token").path
        try String(repeating: "k", count: 43).write(toFile: token, atomically: true, encoding: .utf8)
        try """
        [server]
        tls_certificate = "node.pem"
        tls_key = "/etc/liaison/node.key"
        [sync]
        ca_file = "../ca.pem"
        [peer.chennai]
        url = "https://chennai:8443"
        token_file = "tokens/chennai.token"
        """.write(to: directory.appendingPathComponent(NodeConfig.fileName), atomically: true, encoding: .utf8)

        let config = try NodeConfig.resolve(directory: directory, environment: [:], flags: [])
        try await config.registerPeers(in: store)
        #expect(try await store.peers().map(\.tokenFile) == [token], "stored as the file it names")
        #expect(config.tlsCertificate == directory.appendingPathComponent("node.pem").path)
        #expect(config.tlsKey == "/etc/liaison/node.key", "absolute names stay")
        #expect(config.caFile == directory.deletingLastPathComponent().appendingPathComponent("ca.pem").path)
        let overridden = try NodeConfig.resolve(directory: directory, environment: ["LIAISON_CA_FILE": "ca.pem"], flags: [])
        #expect(overridden.caFile == "ca.pem", "a name given outside the file is read from the current directory")
    }

    @Test func aFileSavedOnWindowsReadsTheSame() throws {
        try withConfigFile("[server]\r\nport = 9443\r\n# note\r\n[sync]\r\ninterval = 60\r\n") { directory in
            let config = try NodeConfig.load(directory: directory)
            #expect(config.port == 9443 && config.syncInterval == 60)
        }
    }

    @Test func theFileSetsEveryKeyAndItsPeers() throws {
        let config = try NodeConfig(
            parsing: """
                # liaison-data/liaison.conf
                [server]
                host = "0.0.0.0"
                port = 8443
                tls_certificate = "/etc/liaison/node.pem"   # serve HTTPS (with tls_key)
                tls_key = "/etc/liaison/node.key"
                [sync]
                interval = 2.5
                batch_records = 100
                batch_bytes = 65536
                timeout = 10
                ca_file = "/etc/liaison/ca.pem"
                [log]
                level = "debug"
                format = json
                [peer.chennai]
                url = "https://chennai.example:8443"
                token_file = "/etc/liaison/chennai#1.token"
                [peer.kolkata]
                token_file = /etc/liaison/kolkata.token
                url = http://10.0.0.7:8080
                """
        )
        #expect(config.host == "0.0.0.0")
        #expect(config.port == 8443)
        #expect(config.tlsCertificate == "/etc/liaison/node.pem")
        #expect(config.tlsKey == "/etc/liaison/node.key")
        #expect(config.syncInterval == 2.5)
        #expect(config.sync == SyncConfiguration(batchRecords: 100, batchBytes: 65536, timeout: 10, caFile: "/etc/liaison/ca.pem"))
        #expect(config.logLevel == "debug")
        #expect(config.logFormat == "json")
        #expect(config.peers.map(\.name) == ["chennai", "kolkata"])
        #expect(config.peers.map(\.url) == ["https://chennai.example:8443", "http://10.0.0.7:8080"])
        #expect(config.peers.map(\.tokenFile) == ["/etc/liaison/chennai#1.token", "/etc/liaison/kolkata.token"])
    }

    @Test func theEnvironmentOverridesTheFileAndFlagsOverrideBoth() throws {
        let file = """
            [server]
            host = "10.0.0.5"
            port = 8101
            [sync]
            interval = 30
            timeout = 20
            [log]
            level = "warning"
            """
        try withConfigFile(file) { directory in
            let fileOnly = try NodeConfig.resolve(directory: directory, environment: [:], flags: [])
            #expect(fileOnly.port == 8101)
            #expect(fileOnly.syncTimeout == 20)

            let environment = [
                "LIAISON_PORT": "8102", "LIAISON_SYNC_INTERVAL": "5", "LIAISON_LOG_LEVEL": "",
                "LIAISON_SYNC_TIMEOUT": "15", "UNRELATED": "x",
            ]
            let withEnvironment = try NodeConfig.resolve(directory: directory, environment: environment, flags: [])
            #expect(withEnvironment.host == "10.0.0.5")  // the file's, not overridden
            #expect(withEnvironment.port == 8102)
            #expect(withEnvironment.syncInterval == 5)
            #expect(withEnvironment.syncTimeout == 15)
            #expect(withEnvironment.logLevel == "warning")  // an empty variable overrides nothing

            let withFlags = try NodeConfig.resolve(
                directory: directory,
                environment: environment,
                flags: [
                    ("server.port", "--port", "8103"), ("sync.interval", "--sync-interval", nil),
                    ("log.level", "--log-level", "error"),
                ]
            )
            #expect(withFlags.host == "10.0.0.5")
            #expect(withFlags.port == 8103)
            #expect(withFlags.syncInterval == 5)  // a flag not given overrides nothing
            #expect(withFlags.syncTimeout == 15)
            #expect(withFlags.logLevel == "error")
        }
    }

    /// The error lines docs/operations.md shows, word for word.
    @Test func theDocumentedErrorLines() throws {
        let file = """
            [server]
            port = 8080

            [sync]
            # how often
            timeout = 30
            interval = "often"
            """
        try withConfigFile(file) { directory in
            #expect(
                problem { try NodeConfig.resolve(directory: directory, environment: [:], flags: []) }
                    == #"liaison.conf line 7: sync.interval must be a number from 0 to 86400, got "often""#
            )
        }
        #expect(
            problem { try NodeConfig().applyingEnvironment(["LIAISON_PORT": "http"]) }
                == #"LIAISON_PORT: server.port must be a whole number from 0 to 65535, got "http""#
        )
    }

    @Test(arguments: [
        ("[server]\nport = 70000", #"liaison.conf line 2: server.port must be a whole number from 0 to 65535, got "70000""#),
        ("[sync]\nbatch_records = 501", #"liaison.conf line 2: sync.batch_records must be a whole number from 1 to 500, got "501""#),
        ("[sync]\nbatch_bytes = 1000", #"liaison.conf line 2: sync.batch_bytes must be a whole number from 1024 to 4194304, got "1000""#),
        ("[sync]\ntimeout = 0", #"liaison.conf line 2: sync.timeout must be a number from 0.1 to 3600, got "0""#),
        ("[sync]\ninterval = 1e-300", #"liaison.conf line 2: sync.interval must be 0 (no periodic sync) or at least 0.1 seconds, got "1e-300""#),
        ("[log]\nlevel = loud", #"liaison.conf line 2: log.level must be one of trace, debug, info, notice, warning, error, critical, got "loud""#),
        ("[log]\nformat = xml", #"liaison.conf line 2: log.format must be one of text, json, got "xml""#),
        ("[server]\nportt = 1", #"liaison.conf line 2: unknown key "portt" in [server]; keys in [server]: host, port, tls_certificate, tls_key"#),
        ("port = 1", #"liaison.conf line 1: unknown key "port" outside any section; it belongs under [server]"#),
        ("colour = 1", #"liaison.conf line 1: unknown key "colour" outside any section"#),
        ("[server]\n= 5", #"liaison.conf line 2: a setting needs a name before "=""#),
        ("[server]\nsync.interval = 5", #"liaison.conf line 2: write "interval = …" under [sync], not "sync.interval" in [server]"#),
        ("sync.interval = 5", #"liaison.conf line 1: write "interval = …" under [sync], not "sync.interval""#),
        ("[sync]\nretry.count = 1", #"liaison.conf line 2: unknown key "retry.count": a key holds no dot"#),
        ("[servers]", "liaison.conf line 1: unknown section [servers]; sections: [server], [sync], [log], [peer.NAME]"),
        ("[server", "liaison.conf line 1: unclosed section header"),
        (
            "[server]\nport = 18702\u{2028}host = 0.0.0.0",
            "liaison.conf line 2: holds U+2028, which some editors show as a line break and others do not: put each setting on a line of its own"
        ),
        ("[server]\r\nport = 70000", #"liaison.conf line 2: server.port must be a whole number from 0 to 65535, got "70000""#),
        ("[server]\nhost", "liaison.conf line 2: expected key = value"),
        ("[server]\nhost = \"0.0.0.0", #"liaison.conf line 2: unclosed quote in "0.0.0.0"#),
        ("[peer.]", "liaison.conf line 1: peer section [peer.] is empty or repeated"),
        ("[peer.a]\nurl = x\ntoken_file = y\n[peer.a]", "liaison.conf line 4: peer section [peer.a] is empty or repeated"),
        ("[peer.a]\nuser = x", #"liaison.conf line 2: unknown key "user" in [peer.a]; keys: url, token_file"#),
        ("[peer.a]\nurl = http://a", "liaison.conf [peer.a]: needs both url and token_file"),
        ("[server]\nport = 8080\nhost = a\nport = 9090", "liaison.conf line 4: port is given twice in [server], on lines 2 and 4; keep one"),
        (
            "[server]\nport = 1\n[sync]\ninterval = 3\n[server]\nport = 2",
            "liaison.conf line 6: port is given twice in [server], on lines 2 and 6; keep one"
        ),
        (
            "[peer.a]\nurl = http://a\ntoken_file = t\nurl = http://b",
            "liaison.conf line 4: url is given twice in [peer.a], on lines 2 and 4; keep one"
        ),
    ])
    func everyMistakeNamesTheLineTheKeyAndTheProblem(text: String, line: String) {
        #expect(problem { try NodeConfig(parsing: text) } == line)
    }

    @Test func aBadVariableOrFlagIsNamedAndTheFileIsNotBlamed() throws {
        try withConfigFile("[server]\nport = 8080") { directory in
            #expect(
                problem {
                    try NodeConfig.resolve(directory: directory, environment: ["LIAISON_BATCH_RECORDS": "0"], flags: [])
                } == #"LIAISON_BATCH_RECORDS: sync.batch_records must be a whole number from 1 to 500, got "0""#
            )
            #expect(
                problem {
                    try NodeConfig.resolve(directory: directory, environment: [:], flags: [("server.port", "--port", "-1")])
                } == #"--port: server.port must be a whole number from 0 to 65535, got "-1""#
            )
        }
    }

    @Test func bulkLoadRecordsReachesTheSyncConfiguration() throws {
        var config = NodeConfig()
        #expect(config.sync.bulkLoadRecords == 10_000)
        config = try config.applyingEnvironment(["LIAISON_BULK_LOAD_RECORDS": "0"])
        #expect(config.sync.bulkLoadRecords == 0, "0 turns bulk loads off")
        #expect(throws: ConfigError.self) { try NodeConfig().applyingEnvironment(["LIAISON_BULK_LOAD_RECORDS": "many"]) }
    }

    @Test func everyKeyHasItsVariable() {
        #expect(
            NodeConfig.keys.map(\.key) == [
                "server.host", "server.port", "server.tls_certificate", "server.tls_key", "sync.interval",
                "sync.batch_records", "sync.batch_bytes", "sync.timeout", "sync.ca_file", "sync.compression",
                "sync.bulk_load_records", "log.level", "log.format",
            ]
        )
        #expect(NodeConfig.keys.allSatisfy { $0.environment.hasPrefix("LIAISON_") })
    }
}

extension NodeConfig {
    /// A copy with `environment` applied (for a test that has no file).
    func applyingEnvironment(_ environment: [String: String]) throws -> NodeConfig {
        var copy = self
        try copy.applyEnvironment(environment)
        return copy
    }
}
