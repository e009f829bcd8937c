import LiaisonStore
import Testing

/// A password of only white space is as easy to guess as no password, however long it is:
/// every place that sets a password refuses one, saying why.
@Suite("Blank passwords are refused wherever a password is set")
struct BlankPasswordTests {
    /// Twelve spaces, no-break and ideographic spaces, nothing (each fits in a JSON string as it is).
    static let blanks = [String(repeating: " ", count: 12), "      \u{00A0}\u{3000}      ", ""]
    static let reason = "a password cannot be blank or only spaces (or other white space)"

    @Test func theAPIRefusesThemForNewAndChangedUsers() async throws {
        try await withNode { node in
            let admin = node.token(.admin)
            #expect(try await node.send("POST", "/v1/users", token: admin, json: #"{"name":"asha","role":"editor"}"#).status == 201)
            for blank in Self.blanks {
                let added = try await node.send("POST", "/v1/users", token: admin, json: #"{"name":"ravi","role":"reader","password":"\#(blank)"}"#)
                #expect(added.status == 400 && added.error.contains(Self.reason), "\(added.text)")
                let reset = try await node.send("PATCH", "/v1/users/asha", token: admin, json: #"{"password":"\#(blank)"}"#)
                #expect(reset.status == 400 && reset.error.contains(Self.reason), "\(reset.text)")
            }
            #expect(try await node.store.account(named: "ravi") == nil)
        }
    }

    @Test func aSessionCannotChooseOne() async throws {
        try await withNode { node in
            try await node.store.addAccount(name: "asha", role: .editor, password: WebBrowser.password)
            let session = try await SessionPasswordTests.signIn(node, "asha", WebBrowser.password)
            for blank in Self.blanks {
                let json = #"{"current_password":"\#(WebBrowser.password)","password":"\#(blank)"}"#
                let refused = try await SessionPasswordTests.change(node, session, json)
                #expect(refused.status == 400 && refused.error.contains(Self.reason), "\(refused.text)")
            }
            _ = try await SessionPasswordTests.signIn(node, "asha", WebBrowser.password)
        }
    }

    @Test func theWebPageCannotChooseOne() async throws {
        try await withNode { node in
            let browser = try await WebBrowser.signIn(node, as: .editor)
            let blank = Self.blanks[0]
            let refused = try await browser.post("/account/password", ["current": WebBrowser.password, "new": blank, "confirm": blank])
            #expect(refused.status == 400)
            #expect(refused.text.contains("The new password is too weak: \(Self.reason)."))
            #expect(try await node.store.checkSignIn(name: "editor-user", password: blank).isRefused)
        }
    }
}

extension SignInCheck {
    fileprivate var isRefused: Bool {
        if case .refused = self { return true }
        return false
    }
}
