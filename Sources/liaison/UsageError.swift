import ArgumentParser
import Foundation

extension Liaison {
    /// Prints an error ArgumentParser found (a missing value, an unknown option, a
    /// `ValidationError`) as the command's other errors print: one `error: ...` line on stderr,
    /// then, for a mistake in the command line, one line naming the help to read, and exits
    /// with 64 (`EX_USAGE`; other errors exit 1). `--help` and `--version` print as
    /// ArgumentParser prints them, and exit 0; an `ExitCode` a command throws after printing
    /// its own lines prints nothing more. A negative number given to a command's positional
    /// number (``NumberArgument``), which ArgumentParser takes for an option, is refused naming
    /// the argument and its range.
    static func exit(reporting error: any Error, arguments: [String]) -> Never {
        let code = exitCode(for: error)
        let (command, path) = self.command(arguments)
        var text = message(for: error)
        if code == .validationFailure, let numbered = command as? any NumberArgument.Type,
            let negative = numbered.negativeNumber(in: arguments)
        {
            text = numbered.outOfRange(negative)
        }
        guard code != .success, !text.isEmpty else { exit(withError: error) }
        printError(text)
        if code == .validationFailure {
            FileHandle.standardError.write(Data("see `\(path.joined(separator: " ")) --help`\n".utf8))
        }
        Foundation.exit(code.rawValue)
    }

    /// The command `arguments` (without the program's name) call, and its names from
    /// `liaison` on: `["liaison", "record", "list"]` for `record list --limit -1`.
    static func command(_ arguments: [String]) -> (type: any ParsableCommand.Type, path: [String]) {
        var command: any ParsableCommand.Type = Liaison.self
        var path = [command._commandName]
        for argument in arguments {
            guard let subcommand = command.configuration.subcommands.first(where: { $0._commandName == argument }) else { continue }
            command = subcommand
            path.append(argument)
        }
        return (command, path)
    }
}
