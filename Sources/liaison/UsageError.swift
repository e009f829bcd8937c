import ArgumentParser
import Foundation

extension Liaison {
    /// Prints an error ArgumentParser found (a missing value, an unknown option, a
    /// `ValidationError`) as the command's other errors print: one `error: ...` line on stderr,
    /// then, for a mistake in the command line, one line naming the help to read, and exits
    /// with 64 (`EX_USAGE`; other errors exit 1). `--help` and `--version` print as
    /// ArgumentParser prints them, and exit 0; an `ExitCode` a command throws after printing
    /// its own lines prints nothing more.
    static func exit(reporting error: any Error, arguments: [String]) -> Never {
        let code = exitCode(for: error)
        let text = message(for: error)
        guard code != .success, !text.isEmpty else { exit(withError: error) }
        printError(text)
        if code == .validationFailure {
            FileHandle.standardError.write(Data("see `\(commandPath(arguments).joined(separator: " ")) --help`\n".utf8))
        }
        Foundation.exit(code.rawValue)
    }

    /// The names of the command `arguments` (without the program's name) call, from `liaison`
    /// on: `["liaison", "record", "list"]` for `record list --limit -1`.
    static func commandPath(_ arguments: [String]) -> [String] {
        var command: any ParsableCommand.Type = Liaison.self
        var path = [command._commandName]
        for argument in arguments {
            guard let subcommand = command.configuration.subcommands.first(where: { $0._commandName == argument }) else { continue }
            command = subcommand
            path.append(argument)
        }
        return path
    }
}
