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
extension ClockError: CLIReportableError {}
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

/// Prints on stderr the states the intake set aside: the first ten, then how many more there
/// were, how many of them were not kept (their source's room in the quarantine was full: no
/// command lists those), and `listing`, which says where and how to list every one kept.
func printQuarantined(_ quarantined: [Quarantined], listing: String) {
    let shown = 10
    for refused in quarantined.prefix(shown) {
        printError("quarantined record \(refused.recordID ?? "(no id)"): \(refused.problem)")
    }
    if quarantined.count > shown {
        printError("... and \(quarantined.count - shown) more quarantined states, \(quarantined.count) in all")
    }
    let notKept = quarantined.count { !$0.isKept }
    if notKept > 0 {
        printError(
            "\(notKept) of the \(quarantined.count) quarantined states \(notKept == 1 ? "was" : "were") not kept (their source's room in the quarantine was full), so no list shows \(notKept == 1 ? "it" : "them")"
        )
    }
    printError(listing)
}

/// The command that lists the quarantine of the store in `data`, exactly as a shell takes it
/// from any directory: `liaison quarantine list --data '/srv/liaison data'`.
func quarantineListCommand(_ data: DataOptions) -> String {
    "liaison quarantine list --data \(ShellWord.quoted(data.url.standardizedFileURL.path))"
}

/// Prints `error: message` on stderr, on one line, control characters escaped (``TerminalText``),
/// after what was printed on stdout before it: where both go to one pipe (`2>&1`), the lines come
/// in the order they were printed.
func printError(_ message: String) {
    try? StandardOutput.finish()  // a failed stdout is reported where it is written
    let line = "error: " + TerminalText.line(message.replacingOccurrences(of: "\n", with: " ")) + "\n"
    FileHandle.standardError.write(Data(line.utf8))
}
