import ArgumentParser
import Foundation
import LiaisonCore
import LiaisonStore

/// Errors the command prints as one `error: ...` line.
protocol CLIReportableError: Error {
    var cliMessage: String { get }
    var cliExitCode: Int32 { get }
}

extension CLIReportableError where Self: CustomStringConvertible {
    var cliMessage: String { description }
    var cliExitCode: Int32 { 1 }
}

extension StoreError: CLIReportableError {
    /// The store's sentence, and for a name taken, the command that is the way out.
    var cliMessage: String { nameClash.map { "\(message); \($0.commandAdvice)" } ?? message }
}
extension LiaisonCore.ValidationError: CLIReportableError {}
extension VersionTokenError: CLIReportableError {}
extension StateDecodingError: CLIReportableError {}
extension BundleError: CLIReportableError {}
extension WriteError: CLIReportableError {}

/// A failure of the command itself (a file that cannot be read).
struct CommandFailure: CLIReportableError, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Prints each state set aside by the intake (at most ten) on stderr, with the next step.
func printQuarantined(_ quarantined: [Quarantined]) {
    for refused in quarantined.prefix(10) {
        printError("quarantined record \(refused.recordID ?? "(no id)"): \(refused.problem)")
    }
    if quarantined.count > 10 { printError("... and \(quarantined.count - 10) more") }
    printError("the rest merged; see `liaison quarantine list`")
}

/// Prints `error: message` on stderr, on one line, control characters escaped (``TerminalText``),
/// after what was printed on stdout before it: where both go to one pipe (`2>&1`), the lines come
/// in the order they were printed.
func printError(_ message: String) {
    try? StandardOutput.finish()  // a failed stdout is reported where it is written
    let line = "error: " + TerminalText.line(message.replacingOccurrences(of: "\n", with: " ")) + "\n"
    FileHandle.standardError.write(Data(line.utf8))
}
