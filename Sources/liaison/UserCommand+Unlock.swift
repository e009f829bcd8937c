import ArgumentParser
import LiaisonCore
import LiaisonStore

extension UserCommand {
    /// `liaison user unlock NAME`.
    struct Unlock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Let a user sign in again at once after failed sign-ins made them wait.",
            discussion: """
                The running node forgets the failures counted before now for this account, and for \
                the address of the computer that next signs in as it, at that sign-in. Failures \
                after the unlock count again: if someone keeps guessing, stop them at the firewall \
                or proxy. Works while the node runs (on its data directory).
                """
        )

        @OptionGroup var data: DataOptions
        @Argument(help: "The user name.") var name: String

        func run() async throws {
            try await data.openStore().unlockSignIn(name: name)
            printForPeople("\(TerminalText.line(name))\tunlocked: failed sign-ins before now no longer count")
        }
    }
}
