import CurlHTTP
import Foundation
import LiaisonBundledPlugins
import LiaisonConfig
import LiaisonServer
import LiaisonStore
import TestProcesses
import Testing

/// A test CA and a server certificate for 127.0.0.1 and localhost, made with `openssl`.
struct TestPKI {
    let directory: URL
    var caCertificate: String { directory.appendingPathComponent("ca.pem").path }
    var serverCertificate: String { directory.appendingPathComponent("server.pem").path }
    var serverKey: String { directory.appendingPathComponent("server.key").path }

    /// Makes a CA (`name`) and a server certificate it signs, in a new temporary directory.
    static func make(name: String) throws -> TestPKI {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-pki-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let pki = TestPKI(directory: directory)
        try "subjectAltName = IP:127.0.0.1, DNS:localhost\n".write(
            to: directory.appendingPathComponent("san.ext"),
            atomically: true,
            encoding: .utf8
        )
        try pki.openssl([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
            "-days", "2", "-subj", "/CN=\(name)",
        ])
        try pki.openssl([
            "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
            "-subj", "/CN=127.0.0.1",
        ])
        try pki.openssl([
            "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "server.pem", "-days", "2", "-extfile", "san.ext",
        ])
        return pki
    }

    func openssl(_ arguments: [String]) throws {
        let run = try ChildProcess.run("/usr/bin/env", ["openssl"] + arguments, directory: directory.path)
        guard run.termination == .exited(0) else {
            throw TestFailure("openssl \(arguments.joined(separator: " ")): \(String(decoding: run.error, as: UTF8.self))")
        }
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

@Suite("HTTPS: serving with a certificate and key, verifying peers against a CA", .offThePool)
struct TLSTests {
    static func peerStatus(_ node: TestNode) async throws -> [String: Any] {
        let status = try await node.send("GET", "/v1/status", token: node.token(.reader))
        return try #require((status.object["peers"] as? [[String: Any]])?.first)
    }

    @Test func syncOverHTTPSWithTheTestCA() async throws {
        let pki = try TestPKI.make(name: "Liaison Test CA")
        defer { pki.remove() }
        let trusting = CurlClientConfiguration(caFile: pki.caCertificate)
        try await withConfiguredNode(
            office: "chennai",
            configure: {
                $0.node.tlsCertificate = pki.serverCertificate
                $0.node.tlsKey = pki.serverKey
            },
            client: trusting
        ) { chennai in
            #expect(chennai.base.hasPrefix("https://"))
            let created = try await chennai.send(
                "POST",
                "/v1/records",
                token: chennai.token(.editor),
                json: #"{"title":"Over TLS","type":"event","tracks":["sccp"]}"#
            )
            #expect(created.status == 201, "\(created.text)")
            try await withConfiguredNode(office: "mumbai", configure: { _ in }, client: trusting) { mumbai in
                try await NodeSyncTests.connect(mumbai, to: chennai, as: "chennai")
                let sync = try await mumbai.send("POST", "/v1/sync", token: mumbai.token(.admin))
                let result = try #require((sync.object["results"] as? [[String: Any]])?.first)
                #expect(result["ok"] as? Bool == true, "\(sync.text)")
                #expect(try await NodeSyncTests.titles(mumbai) == ["Over TLS"])
                #expect(try await Self.peerStatus(mumbai)["last_error"] is NSNull)
            }
        }
    }

    @Test func webSessionCookieIsSecureOverHTTPS() async throws {
        let pki = try TestPKI.make(name: "Liaison Test CA")
        defer { pki.remove() }
        try await withConfiguredNode(
            office: "kolkata",
            configure: {
                $0.node.tlsCertificate = pki.serverCertificate
                $0.node.tlsKey = pki.serverKey
            },
            client: CurlClientConfiguration(caFile: pki.caCertificate)
        ) { kolkata in
            let browser = try await WebBrowser.signIn(kolkata, as: .editor)
            #expect(try await browser.get("/records").status == 200)
        }
    }

    @Test func peerWithCertificateOfAnotherCAIsRefused() async throws {
        let pki = try TestPKI.make(name: "Liaison Test CA")
        let other = try TestPKI.make(name: "Some Other CA")
        defer {
            pki.remove()
            other.remove()
        }
        try await withConfiguredNode(
            office: "chennai",
            configure: {
                $0.node.tlsCertificate = pki.serverCertificate
                $0.node.tlsKey = pki.serverKey
            },
            client: CurlClientConfiguration(caFile: pki.caCertificate)
        ) { chennai in
            _ = try await chennai.send(
                "POST",
                "/v1/records",
                token: chennai.token(.editor),
                json: #"{"title":"Secret","type":"event","tracks":["sccp"]}"#
            )
            try await withConfiguredNode(
                office: "mumbai",
                configure: { _ in },
                client: CurlClientConfiguration(caFile: other.caCertificate)
            ) { mumbai in
                try await NodeSyncTests.connect(mumbai, to: chennai, as: "chennai")
                let sync = try await mumbai.send("POST", "/v1/sync", token: mumbai.token(.admin))
                let result = try #require((sync.object["results"] as? [[String: Any]])?.first)
                #expect(result["ok"] as? Bool == false, "\(sync.text)")
                let lastError = try #require(try await Self.peerStatus(mumbai)["last_error"] as? String)
                #expect(lastError.lowercased().contains("certificate"), "\(lastError)")
                #expect(lastError.hasPrefix("chennai:"), "\(lastError)")
                #expect(try await NodeSyncTests.titles(mumbai).isEmpty)
            }
        }
    }

    @Test func plainHTTPClientCannotTalkToTheHTTPSPort() async throws {
        let pki = try TestPKI.make(name: "Liaison Test CA")
        defer { pki.remove() }
        try await withConfiguredNode(
            office: "chennai",
            configure: {
                $0.node.tlsCertificate = pki.serverCertificate
                $0.node.tlsKey = pki.serverKey
            },
            client: CurlClientConfiguration(caFile: pki.caCertificate)
        ) { chennai in
            let plain = chennai.base.replacingOccurrences(of: "https://", with: "http://")
            await #expect(throws: (any Error).self) {
                _ = try await chennai.client.send(HTTPRequest(method: "GET", url: plain + "/v1/health", timeout: 5))
            }
            let health = try await chennai.send("GET", "/v1/health")
            #expect(health.status == 200)
        }
    }

    @Test func badTLSSettingsNameTheKeyAndFile() throws {
        let pki = try TestPKI.make(name: "Liaison Test CA")
        defer { pki.remove() }
        func problem(_ certificate: String?, _ key: String?) -> ConfigError? {
            do {
                _ = try ServerTLS.load(certificate: certificate, key: key)
                return nil
            } catch {
                return error as? ConfigError
            }
        }
        #expect(try ServerTLS.load(certificate: nil, key: nil) == nil)
        #expect(try ServerTLS.load(certificate: pki.serverCertificate, key: pki.serverKey) != nil)
        #expect(problem(pki.serverCertificate, nil)?.place == "server.tls_key")
        #expect(problem(nil, pki.serverKey)?.place == "server.tls_certificate")
        let missing = pki.directory.appendingPathComponent("nope.pem").path
        let noFile = problem(missing, pki.serverKey)
        #expect(noFile?.place == "server.tls_certificate")
        #expect(noFile?.problem.contains(missing) == true)
        let garbage = pki.directory.appendingPathComponent("garbage.pem").path
        try "not a certificate\n".write(toFile: garbage, atomically: true, encoding: .utf8)
        #expect(problem(garbage, pki.serverKey)?.place == "server.tls_certificate")
        #expect(problem(pki.serverCertificate, garbage)?.place == "server.tls_key")
        #expect(problem(pki.serverCertificate, garbage)?.problem.contains(garbage) == true)
        // The CA's key does not go with the server's certificate.
        let wrongKey = problem(pki.serverCertificate, pki.directory.appendingPathComponent("ca.key").path)
        #expect(wrongKey?.place == "server.tls_key")

        // The certificates trusted for peers: checked at start too (each HTTPS sync failed).
        try ServerTLS.checkTrusted(nil)
        try ServerTLS.checkTrusted(pki.caCertificate)
        for bad in [missing, garbage, "", pki.directory.path] {
            #expect {
                try ServerTLS.checkTrusted(bad)
            } throws: { error in
                (error as? ConfigError)?.place == "sync.ca_file" && (error as? ConfigError)?.problem.contains(bad.isEmpty ? "is empty" : bad) == true
                    && (bad != pki.directory.path || (error as? ConfigError)?.problem.contains("is a directory, not a PEM file") == true)
            }
        }
    }
}
