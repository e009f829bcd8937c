import Foundation
import TestProcesses
import Testing

/// `liaison user add|set --password-file FILE` refuses a password of only white space, naming
/// the file and the rule, and changes nothing.
@Suite(.offThePool) struct PasswordFileTests {
    @Test func aPasswordFileOfOnlyWhiteSpaceIsRefused() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "node", "init", "--office", "mumbai")
        try cli.ok("--data", "node", "user", "add", "asha", "--role", "editor")
        for (name, text) in [("spaces", String(repeating: " ", count: 12) + "\n"), ("tabs", String(repeating: "\t", count: 12)), ("empty", "\n")] {
            let file = cli.directory.appendingPathComponent("\(name).password")
            try text.write(to: file, atomically: true, encoding: .utf8)
            let reason = "error: \(file.path): a password cannot be blank or only spaces (or other white space)\n"
            #expect(try cli.fails("--data", "node", "user", "add", "ravi", "--role", "reader", "--password-file", file.path) == reason)
            #expect(try cli.fails("--data", "node", "user", "set", "asha", "--password-file", file.path) == reason)
        }
        #expect(!(try cli.ok("--data", "node", "user", "list")).contains("ravi"))
    }

    /// `user set` says an account's state as `user list` does: it said `active` of one whose
    /// one-time password is still to be changed.
    @Test func userSetSaysTheStateUserListSays() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "node", "init", "--office", "mumbai")
        try cli.ok("--data", "node", "user", "add", "bob", "--role", "reader")
        #expect(try cli.ok("--data", "node", "user", "set", "bob", "--role", "editor") == "bob\teditor\tmust-change-password\tbob\n")
        #expect(try cli.ok("--data", "node", "user", "list").hasPrefix("bob\teditor\tmust-change-password\tbob\t"))
    }
}
