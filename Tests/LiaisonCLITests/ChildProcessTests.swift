import Foundation
import TestProcesses
import Testing

/// The tests' own way of starting processes (posix_spawn), which every multi-node test relies on.
@Suite(.offThePool)
struct ChildProcessTests {
    @Test("a child holds only its own three streams, not the files the test process has open")
    func childHoldsOnlyItsStreams() throws {
        // Opened without close-on-exec, as a library might: only posix_spawn's closefrom keeps it out.
        let held = open("/etc/hostname", O_RDONLY)
        defer { close(held) }
        let run = try ChildProcess.run("/bin/sh", ["-c", "ls /proc/$$/fd"])
        let descriptors = String(decoding: run.output, as: UTF8.self).split(separator: "\n").sorted()
        #expect(run.termination == .exited(0))
        // sh holds 0, 1, 2 and, while it runs ls, nothing else of ours.
        #expect(descriptors == ["0", "1", "2"], "\(descriptors); the test process holds \(held)")
    }

    @Test("standard input, output and error, the working directory, the environment and exit codes reach the caller")
    func streamsAndStatus() throws {
        let run = try ChildProcess.run(
            "/bin/sh",
            ["-c", "cat; pwd; echo \"$GREETING\"; echo oops >&2; exit 3"],
            environment: ["GREETING": "namaste"],
            directory: "/tmp",
            stdin: Data("typed\n".utf8)
        )
        #expect(run.termination == .exited(3))
        #expect(String(decoding: run.output, as: UTF8.self) == "typed\n/tmp\nnamaste\n")
        #expect(String(decoding: run.error, as: UTF8.self) == "oops\n")
    }

    @Test("a child killed by a signal reports the signal, and one past its time is killed, its output open or closed")
    func signalsAndTimeouts() throws {
        let sleeper = try ChildProcess("/bin/sleep", ["60"])
        #expect(sleeper.isRunning)
        sleeper.send(SIGTERM)
        #expect(sleeper.wait() == .signalled(SIGTERM))
        #expect(!sleeper.isRunning)
        let late = try ChildProcess.run("/bin/sleep", ["60"], timeout: 0.2)
        #expect(late.termination == .signalled(SIGKILL))
        // One that closes its output and goes on running is killed at its time too.
        let closed = try ChildProcess.run("/bin/sh", ["-c", "exec >&- 2>&-; sleep 5"], timeout: 0.2)
        #expect(closed.termination == .signalled(SIGKILL))
    }
}
