import Foundation
import TestProcesses

/// A python3 script that serves on a free loopback port and prints the port as its first line:
/// the small stand-ins for faults a real node cannot be made to show (``FaultPeer``,
/// ``SlowLinkProxy``). Killed by ``stop()`` or when it goes away.
final class LoopbackScript: Sendable {
    /// The port it listens on.
    let port: Int
    private let process: ChildProcess

    /// Starts `python3 -c script ARGUMENTS` and waits for its port; `name` says what failed to start.
    init(_ script: String, arguments: [String], name: String) throws {
        process = try ChildProcess("/usr/bin/env", ["python3", "-c", script] + arguments, output: .pipe)
        let line = try process.readOutputLine()
        guard let port = Int(line) else {
            process.send(SIGKILL)
            process.wait()
            throw NodeFailure("\(name) did not start: \(line)")
        }
        self.port = port
    }

    /// Stops it with SIGKILL.
    func stop() {
        process.send(SIGKILL)
        process.wait()
    }

    deinit { stop() }
}
