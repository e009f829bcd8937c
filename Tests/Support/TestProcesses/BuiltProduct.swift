import Foundation

/// The executables `swift build` made for the tests to run as a user would.
public enum BuiltProduct {
    /// The path of executable `name` built beside the test bundle (`.build/debug/liaison`).
    /// - Throws: ``SpawnFailure`` naming the build to run when it is not there.
    public static func path(_ name: String) throws -> String {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory.deleteLastPathComponent()
        }
        throw SpawnFailure("the \(name) binary is not built beside the tests: run `swift build --product \(name)` first")
    }
}
