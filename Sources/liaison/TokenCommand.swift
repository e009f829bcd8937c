public import ArgumentParser
import Foundation
import LiaisonCore
import LiaisonStore

extension TokenRole: ExpressibleByArgument {}

/// `liaison token ...`: the API tokens of this node.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Make, list and revoke the API tokens of this node.",
        discussion: """
            Roles: reader (read records and status), editor (+ write and resolve), \
            admin (+ tokens, peers, sync now), peer (another node: sync routes only).
            """,
        subcommands: [Create.self, Import.self, List.self, Revoke.self]
    )
}

extension TokenCommand {
    /// `liaison token create --role R --name N [--user U]`: prints the new token once, and nothing else on stdout.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a token and print it, once: only its hash is kept."
        )

        @OptionGroup var data: DataOptions
        @Option(help: ArgumentHelp("What the token may do: reader, editor, admin or peer.", valueName: "ROLE"))
        var role: TokenRole
        @Option(help: ArgumentHelp("Who holds it; recorded as the author of its writes.", valueName: "NAME"))
        var name: String
        @Option(
            help: ArgumentHelp(
                "The user it acts for: its writes are credited to them, and it stops working while they are disabled.",
                valueName: "USER"
            )
        )
        var user: String?

        func run() async throws {
            let token = try await data.openStore().createToken(name: name, role: role, account: user)
            print(token)
        }
    }

    /// `liaison token import --role R --name N --token-file F`: installs a token made elsewhere.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Install a token made elsewhere (e.g. a deployment secret), replacing any token of that name."
        )

        @OptionGroup var data: DataOptions
        @Option(help: ArgumentHelp("What the token may do: reader, editor, admin or peer.", valueName: "ROLE"))
        var role: TokenRole
        @Option(help: ArgumentHelp("Who holds it; recorded as the author of its writes.", valueName: "NAME"))
        var name: String
        @Option(help: ArgumentHelp("A file holding the token (never on the command line).", valueName: "FILE"))
        var tokenFile: String

        func run() async throws {
            guard let text = try? String(contentsOfFile: tokenFile, encoding: .utf8) else {
                throw CommandFailure("cannot read token file \(tokenFile)")
            }
            let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
            try await data.openStore().importToken(name: name, role: role, token: token)
            printForPeople("token \(name) (\(role.rawValue)) installed")
        }
    }

    /// `liaison token list`: names and roles, never the tokens.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List token names and roles.")

        @OptionGroup var data: DataOptions

        func run() async throws {
            let tokens = try await data.openStore().tokens()
            if tokens.isEmpty { printForPeople("no tokens: make one with `liaison token create --role ROLE --name NAME`") }
            for token in tokens {
                printForPeople(
                    TerminalText.line(token.name) + "\t\(token.role.rawValue)" + (token.account.map { "\tuser " + TerminalText.line($0) } ?? "")
                )
            }
        }
    }

    /// `liaison token revoke NAME`.
    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by name.")

        @OptionGroup var data: DataOptions
        @Argument(help: "The token's name.") var name: String

        func run() async throws {
            try await data.openStore().revokeToken(name: name)
        }
    }
}
