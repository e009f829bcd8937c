import Foundation
import TestProcesses
import Testing

/// Runs the BUILT `liaison` binary (found next to the test bundle) in a temporary directory.
struct CLI {
    struct Result {
        let code: Int32
        let out: String
        let err: String
    }

    /// The `liaison` executable `swift test` built beside the test bundle.
    static let executable = try? BuiltProduct.path("liaison")

    /// The working directory of this run; data directories are relative to it.
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs `liaison args...` with `LIAISON_DATA` unset and `LIAISON_AUTHOR` = `author`.
    @discardableResult
    func run(_ arguments: [String], author: String = "asha", stdin: Data? = nil) throws -> Result {
        let run = try ChildProcess.run(
            try Self.binary(),
            arguments,
            environment: Self.environment(author: author),
            directory: directory.path,
            stdin: stdin ?? Data()
        )
        return Result(
            code: run.termination.status,
            out: String(decoding: run.output, as: UTF8.self),
            err: String(decoding: run.error, as: UTF8.self)
        )
    }

    /// Starts `liaison args...` (environment as ``run(_:author:stdin:)``) without waiting for it;
    /// its stdout and stderr go to the files `name.out` and `name.err` in ``directory``.
    func start(_ arguments: [String], logs name: String) throws -> ChildProcess {
        let file = directory.appendingPathComponent(name).path
        return try ChildProcess(
            try Self.binary(),
            arguments,
            environment: Self.environment(author: "asha"),
            directory: directory.path,
            output: .file(file + ".out"),
            error: .file(file + ".err")
        )
    }

    /// What a command started with ``start(_:logs:)`` as `name` printed on `stream` (`out`, `err`).
    func printed(_ name: String, _ stream: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent("\(name).\(stream)"), encoding: .utf8)
    }

    /// The built `liaison`'s path; records an issue when it is missing.
    private static func binary() throws -> String {
        guard let executable else {
            Issue.record("the liaison binary was not found next to the test bundle: run `swift build --product liaison`")
            throw CLIError.missingBinary
        }
        return executable
    }

    /// This process's environment without `LIAISON_DATA`, with `LIAISON_AUTHOR` = `author`.
    private static func environment(author: String) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "LIAISON_DATA")
        environment["LIAISON_AUTHOR"] = author
        return environment
    }

    /// Runs a command that must succeed and returns its stdout.
    @discardableResult
    func ok(_ arguments: String..., author: String = "asha", stdin: Data? = nil) throws -> String {
        let result = try run(arguments, author: author, stdin: stdin)
        #expect(result.code == 0, "liaison \(arguments.joined(separator: " ")) failed: \(result.err)")
        return result.out
    }

    /// Runs a command that must fail with one `error: ...` line and returns that line.
    func fails(_ arguments: String...) throws -> String {
        let result = try run(arguments)
        #expect(result.code != 0, "liaison \(arguments.joined(separator: " ")) should fail")
        #expect(result.err.hasPrefix("error: "), "stderr: \(result.err)")
        #expect(result.err.split(separator: "\n").count == 1, "one line: \(result.err)")
        return result.err
    }

    /// Exports a bundle at `from` and merges it at `to`; returns the merge summary line.
    @discardableResult
    func send(from: String, to: String) throws -> String {
        let bundle = directory.appendingPathComponent("\(from)-to-\(to).json").path
        try ok("--data", from, "export", "--out", bundle)
        return try ok("--data", to, "merge", bundle)
    }

    /// `record get --json ID` at a node, parsed.
    func record(_ data: String, _ id: String) throws -> [String: Any] {
        let text = try ok("--data", data, "record", "get", "--json", id)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}

enum CLIError: Error {
    case missingBinary
}

/// The `id` of a record printed with `--json`.
func recordID(_ json: String) throws -> String {
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    return try #require(object?["id"] as? String)
}
