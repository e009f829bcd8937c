import Foundation
import TestProcesses
import Testing

/// The docker files, checked without a Docker engine by scripts/check-docker-files.py.
@Suite(.offThePool)
struct DockerFilesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func check(_ arguments: [String] = []) throws -> (status: Int32, output: String) {
        let script = root.appendingPathComponent("scripts/check-docker-files.py").path
        let run = try ChildProcess.run("/usr/bin/env", ["python3", script] + arguments, mergingErrors: true, timeout: 60)
        return (run.termination.status, String(decoding: run.output, as: UTF8.self))
    }

    @Test func theDockerFilesPassTheirChecks() throws {
        let result = try Self.check()
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("docker files OK"))
    }

    /// A copy of compose.yaml with `edit` applied, checked.
    static func checkBroken(_ edit: (String) -> String) throws -> (status: Int32, output: String) {
        let temporary = try TemporaryDirectory()
        defer { temporary.cleanUp() }
        let compose = try String(contentsOf: root.appendingPathComponent("compose.yaml"), encoding: .utf8)
        let broken = temporary.url.appendingPathComponent("compose.yaml")
        try edit(compose).write(to: broken, atomically: true, encoding: .utf8)
        return try check(["--compose", broken.path])
    }

    @Test func aNodeMissingAPeerIsCaught() throws {
        let result = try Self.checkBroken { $0.replacingOccurrences(of: "kolkata=http://kolkata:8080,", with: "") }
        #expect(result.status != 0)
        #expect(result.output.contains("does not name kolkata as a peer"), "\(result.output)")
    }

    @Test func aSharedPortOrVolumeOrUndefinedTokenIsCaught() throws {
        let port = try Self.checkBroken { $0.replacingOccurrences(of: "127.0.0.1:8702:8080", with: "127.0.0.1:8701:8080") }
        #expect(port.status != 0 && port.output.contains("host port 127.0.0.1:8701 is also"), "\(port.output)")
        let volume = try Self.checkBroken { $0.replacingOccurrences(of: "- mumbai-data:/data", with: "- new-delhi-data:/data") }
        #expect(volume.status != 0 && volume.output.contains("volume new-delhi-data is also"), "\(volume.output)")
        let token = try Self.checkBroken { $0.replacingOccurrences(of: "${TOKEN_MUMBAI:?", with: "${TOKEN_BOMBAY:?") }
        #expect(token.status != 0 && token.output.contains("TOKEN_BOMBAY"), "\(token.output)")
    }
}
