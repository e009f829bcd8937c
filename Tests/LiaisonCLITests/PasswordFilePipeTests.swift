import Foundation
import TestProcesses
import Testing

/// `--password-file <(echo ...)` failed with "cannot read password file /dev/fd/63", while
/// `merge` and `import` read pipes: a password file is read the same way.
@Suite(.offThePool) struct PasswordFilePipeTests {
    @Test func aPasswordComesThroughAShellPipe() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "node", "init", "--office", "mumbai")
        let executable = try #require(CLI.executable)
        for command in [
            #""$0" --data node user add asha --role admin --password-file <(printf '%s\n' 'correct horse battery staple')"#,
            #""$0" --data node user set asha --password-file <(printf '%s\n' 'another long passphrase')"#,
        ] {
            let run = try ChildProcess.run("/bin/bash", ["-c", command, executable], directory: cli.directory.path)
            #expect(run.termination.status == 0, "\(command): \(String(decoding: run.error, as: UTF8.self))")
        }
        let listed = try cli.ok("--data", "node", "user", "list")
        #expect(listed.contains("asha\tadmin\tactive"), "\(listed)")

        let missing = try cli.fails("--data", "node", "user", "add", "bob", "--role", "admin", "--password-file", "/nonexistent")
        #expect(missing == "error: cannot read password file /nonexistent: No such file or directory\n")
    }
}
