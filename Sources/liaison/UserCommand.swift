import ArgumentParser
import Foundation
import LiaisonCore
import LiaisonStore

/// `liaison user ...`: the staff accounts of this node.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Add, list and change the staff accounts people sign in with.",
        discussion: """
            Roles: reader (read records and status), editor (+ write and resolve), \
            admin (+ users, tokens, peers, sync now). Passwords have at least 12 characters, not only white space.
            """,
        subcommands: [Add.self, List.self, Set.self, Unlock.self]
    )
}

extension UserCommand {
    /// An account's state as `user list` and `user set` print it: `set` said `active` of one
    /// still waiting for its one-time password to be changed.
    static func state(of account: Account) -> String {
        account.disabled ? "disabled" : account.mustChangePassword ? "must-change-password" : "active"
    }

    /// `liaison user add NAME --role R [--display-name TEXT] [--password-file FILE]`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user. Without --password-file, prints a one-time password (the only thing on stdout) "
                + "that must be changed at the first sign-in."
        )

        @OptionGroup var data: DataOptions
        @Argument(help: "The user name: what they sign in with and the author of their changes.") var name: String
        @Option(help: ArgumentHelp("reader, editor or admin.", valueName: "ROLE")) var role: StaffRole
        @Option(help: ArgumentHelp("The name pages show (default: the user name).", valueName: "TEXT")) var displayName: String?
        @Option(help: ArgumentHelp("A file holding their password (never on the command line).", valueName: "FILE"))
        var passwordFile: String?

        func run() async throws {
            let password = try passwordFile.map(readPassword) ?? PasswordHash.temporaryPassword()
            try await data.openStore().addAccount(
                name: name,
                displayName: displayName,
                role: role.role,
                password: password,
                mustChangePassword: passwordFile == nil
            )
            if passwordFile == nil {
                print(password)
                printNote("\(name) (\(role.role.rawValue)) added with the one-time password printed on stdout; it must be changed at first sign-in")
            } else {
                printNote("\(name) (\(role.role.rawValue)) added")
            }
        }
    }

    /// `liaison user list [--json]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users: name, role, state, display name, last sign-in.")

        @OptionGroup var data: DataOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let accounts = try await data.openStore().accounts()
            if output.json {
                var writer = JSONWriter()
                writer.array(accounts) { writer, account in writer.object(Self.members(account)) { $0.value($1) } }
                print(writer.output)
                return
            }
            if accounts.isEmpty { printForPeople("no users: add one with `liaison user add NAME --role ROLE`") }
            for account in accounts {
                let state = UserCommand.state(of: account)
                let last = account.lastSignIn.map { Timestamp.iso($0) } ?? "never"
                printForPeople(
                    "\(TerminalText.line(account.name))\t\(account.role.rawValue)\t\(state)\t\(TerminalText.line(account.displayName))\t\(last)"
                )
            }
        }

        private static func members(_ account: Account) -> [(key: String, value: FieldValue)] {
            [
                ("name", .text(account.name)), ("display_name", .text(account.displayName)), ("role", .text(account.role.rawValue)),
                ("disabled", .bool(account.disabled)), ("must_change_password", .bool(account.mustChangePassword)),
                ("created_at", .text(Timestamp.iso(account.createdAt))),
                ("last_sign_in", account.lastSignIn.map { .text(Timestamp.iso($0)) } ?? .null),
            ]
        }
    }

    /// `liaison user set NAME [--role R] [--disable|--enable] [--password-file FILE]`.
    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a user's role, display name or password, or disable or enable them. "
                + "Disabling or a new password signs them out everywhere."
        )

        @OptionGroup var data: DataOptions
        @Argument(help: "The user name.") var name: String
        @Option(help: ArgumentHelp("reader, editor or admin.", valueName: "ROLE")) var role: StaffRole?
        @Option(help: ArgumentHelp("The name pages show.", valueName: "TEXT")) var displayName: String?
        @Flag(exclusivity: .exclusive, help: "Disable (--disable) or enable (--enable) the account.") var state: AccountState?
        @Option(help: ArgumentHelp("A file holding their new password.", valueName: "FILE")) var passwordFile: String?

        enum AccountState: String, EnumerableFlag { case disable, enable }

        func validate() throws {
            guard role != nil || displayName != nil || state != nil || passwordFile != nil else {
                throw ArgumentParser.ValidationError("say what to change: --role, --display-name, --disable, --enable or --password-file")
            }
        }

        func run() async throws {
            let change = AccountChange(
                role: role?.role,
                displayName: displayName,
                disabled: state.map { $0 == .disable },
                password: try passwordFile.map(readPassword),
                mustChangePassword: false
            )
            let account = try await data.openStore().changeAccount(name, change)
            let state = UserCommand.state(of: account)
            printForPeople("\(TerminalText.line(account.name))\t\(account.role.rawValue)\t\(state)\t\(TerminalText.line(account.displayName))")
        }
    }
}

/// The password in `file` (a file or a pipe, such as `<(echo ...)`): its first line, without
/// the line break (LF, CRLF as Windows writes it, or CR).
private func readPassword(_ file: String) throws -> String {
    guard let text = String(data: try InputFile.read(file, kind: "password file"), encoding: .utf8) else {
        throw CommandFailure("password file \(file) is not UTF-8 text: save the password as plain text")
    }
    // By `isNewline`: a CRLF is one Character, which a split on "\n" does not see.
    let password = String(text.split(maxSplits: 1, omittingEmptySubsequences: false, whereSeparator: \.isNewline).first ?? "")
    if let problem = PasswordHash.problem(with: password) { throw CommandFailure("\(file): \(problem)") }
    return password
}
