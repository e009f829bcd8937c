import TestProcesses
import Testing

/// `liaison user add` for a name a user has points to the command that changes that user.
@Suite(.offThePool) struct NameTakenTests {
    @Test func addingAUserWhoseNameIsTakenNamesTheCommandThatChangesThem() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "node", "init", "--office", "mumbai")
        try cli.ok("--data", "node", "user", "add", "asha", "--role", "editor")
        let refused = try cli.fails("--data", "node", "user", "add", "Asha", "--role", "admin")
        #expect(
            refused
                == "error: a user named \"asha\" exists (names may not differ only by case); "
                + "change them with `liaison user set asha`, or choose another name\n"
        )
    }
}
