import Foundation

/// A `liaison` process started by a benchmark: the binary next to `liaison-bench`.
enum NodeProcess {
    /// The `liaison` executable built beside this one.
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("liaison")
    }

    /// Runs `liaison ARGS` to completion; returns stdout, wall time, the child's peak RSS (KiB)
    /// and the CPU time (user + system) of every child waited for so far.
    static func run(_ arguments: [String]) throws -> (output: String, seconds: Double, peakKiB: Int, cpuSeconds: Double) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        let (seconds, output) = try Timing.measure { () throws -> Data in
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return data
        }
        guard process.terminationStatus == 0 else {
            throw BenchFailure("liaison \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return (String(decoding: output, as: UTF8.self), seconds, usage.ru_maxrss, CPUTime.seconds(of: usage))
    }

    /// CPU time (user + system) a running process has used so far, in seconds.
    static func cpuSeconds(of process: Process) -> Double {
        let stat = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8)) ?? ""
        // Fields after the command name, which ends with ')': utime and stime are the 12th and 13th.
        let fields = stat.split(separator: ")").last?.split(separator: " ") ?? []
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Starts `liaison serve` and returns the process and the port it listens on.
    static func serve(data: URL, syncInterval: Double) throws -> (process: Process, port: Int) {
        let process = Process()
        process.executableURL = binary
        process.arguments = [
            "serve", "--data", data.path, "--port", "0", "--sync-interval", "\(syncInterval)",
            "--log-level", "warning",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        var line = ""
        while let byte = try pipe.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line += String(decoding: byte, as: UTF8.self)
        }
        guard let port = line.split(separator: ":").last.flatMap({ Int($0) }) else {
            throw BenchFailure("liaison serve did not start: \(line)")
        }
        return (process, port)
    }

    /// Peak resident memory of a running process, in KiB (`VmHWM`).
    static func peakKiB(of process: Process) -> Int {
        let status = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    /// Stops a server with SIGTERM, then SIGKILL if it lingers.
    static func stop(_ process: Process) {
        process.terminate()
        for _ in 0..<200 where process.isRunning { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}

/// A benchmark that could not run.
struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
