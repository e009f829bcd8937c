import Foundation
import TestProcesses
import Testing

/// Output that cannot be written (a full disk) fails the command with one `error:` line and
/// exit 1: a script taking a backup or an export this way must not get an empty file and 0.
@Suite("Output to a full disk is an error", .offThePool)
struct FullOutputTests {
    @Test func everyKindOfOutputToAFullDiskFailsWithOneErrorLine() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "d", "init", "--office", "mumbai")
        try cli.ok("--data", "d", "seed", "--records", "20")
        let executable = try #require(CLI.executable)
        let commands = [
            ["record", "list", "--format", "csv"], ["record", "list", "--format", "json"], ["record", "list"], ["export"],
            ["report", "overview", "--format", "md"], ["report", "overview", "--format", "json"], ["status"],
        ]
        for command in commands {
            let run = try ChildProcess.run(
                "/bin/sh",
                ["-c", #"exec "$0" "$@" > /dev/full"#, executable, "--data", "d"] + command,
                directory: cli.directory.path
            )
            let error = String(decoding: run.error, as: UTF8.self)
            #expect(run.termination.status == 1, "\(command): \(error)")
            #expect(error == "error: cannot write the output: No space left on device\n", "\(command)")
        }
    }

    /// `--out` names a file: a device or a pipe there is refused, not replaced by a file (as
    /// root, `--out /dev/null` replaced the device).
    @Test func outNamingAPipeIsRefusedAndLeftAsItIs() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "d", "init", "--office", "mumbai")
        let pipe = cli.directory.appendingPathComponent("pipe").path
        #expect(mkfifo(pipe, 0o600) == 0)
        for command in [["report", "overview", "--format", "md", "--out", pipe], ["export", "--out", pipe]] {
            let result = try cli.run(["--data", "d"] + command)
            #expect(result.code == 1 && result.err.contains("--out \(pipe) is not a regular file"), "\(command): \(result.err)")
            let type = try FileManager.default.attributesOfItem(atPath: pipe)[.type] as? FileAttributeType
            #expect(type != .typeRegular, "the pipe is still a pipe, not a file")
        }
    }
}
