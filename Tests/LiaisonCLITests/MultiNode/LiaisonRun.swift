import Foundation
import TestProcesses
import Testing

/// Runs the built `liaison` binary, as a user would from a shell.
enum LiaisonRun {
    /// Runs `liaison ARGS` (with `--data DIR` when given), returning exit status, stdout and
    /// stderr. A command still running after two minutes is killed.
    static func run(_ arguments: [String], data: URL?) throws -> (status: Int32, stdout: String, stderr: String) {
        var environment = ProcessInfo.processInfo.environment
        environment["LIAISON_DATA"] = nil
        let run = try ChildProcess.run(
            try BuiltProduct.path("liaison"),
            arguments + (data.map { ["--data", $0.path] } ?? []),
            environment: environment
        )
        return (run.termination.status, String(decoding: run.output, as: UTF8.self), String(decoding: run.error, as: UTF8.self))
    }

    /// Starts `liaison ARGS --data DIR` without waiting for it, with `environment` over this
    /// process's (`LIAISON_DATA` unset), its stdout and stderr going to the files `output` and
    /// `error`; inside `wrapper` when given, a command that runs the one given as its last
    /// arguments (a pseudo-terminal's, say).
    static func start(
        _ arguments: [String],
        data: URL,
        environment: [String: String],
        output: String,
        error: String,
        inside wrapper: [String] = []
    ) throws -> ChildProcess {
        var merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        merged["LIAISON_DATA"] = nil
        let command = wrapper + [try BuiltProduct.path("liaison")] + arguments + ["--data", data.path]
        return try ChildProcess(command[0], Array(command.dropFirst()), environment: merged, output: .file(output), error: .file(error))
    }

    /// Runs and returns stdout; throws with stderr when the command fails.
    static func ok(_ arguments: [String], data: URL) throws -> String {
        let result = try run(arguments, data: data)
        guard result.status == 0 else {
            throw NodeFailure("liaison \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderr)")
        }
        return result.stdout
    }

    /// What `liaison serve` on the store in `data` logs up to listening, once it has stopped.
    static func serveLog(_ data: URL) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["LIAISON_DATA"] = nil
        let serve = try ChildProcess(
            try BuiltProduct.path("liaison"),
            ["serve", "--data", data.path, "--host", "127.0.0.1", "--port", "0", "--sync-interval", "0"],
            environment: environment,
            output: .pipe,
            error: .pipe
        )
        let line = try serve.readOutputLine()
        #expect(line.hasPrefix("listening on http://127.0.0.1:"), "\(line)")
        // At once: a node told to stop as soon as it listens stops cleanly, its log whole (the
        // signal was once trapped only after the server started: 7 of 30 such stops, beside two
        // CPU hogs, ended by the signal itself, exit 143).
        serve.send(SIGTERM)
        #expect(serve.wait(killingAfter: 20) == .exited(0), "liaison serve stopped by SIGTERM as soon as it listened")
        return String(decoding: try serve.error?.readToEnd() ?? Data(), as: UTF8.self)
    }
}

/// A fresh temporary directory, removed by `cleanUp()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: url)
    }
}
