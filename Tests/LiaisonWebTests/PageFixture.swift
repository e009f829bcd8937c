import Foundation
import Hummingbird
import HummingbirdTesting
import LiaisonBundledPlugins
import LiaisonHTTP
import LiaisonStore
import LiaisonSync
import LiaisonWeb

/// The page's routes alone, over a real store in a temporary directory, answered in process
/// (HummingbirdTesting's router framework: no socket).
struct PageFixture: Sendable {
    let store: LiaisonStore
    let client: any TestClientProtocol

    /// The password of every account ``run(secureCookies:_:)`` makes (`reader-user`, `editor-user`, `admin-user`).
    static let password = "correct horse battery staple"

    /// The name of the node's session cookie (it ends with the node's replica id).
    var sessionCookieName: String { store.identity.sessionCookieName }
    /// The name of the node's sign-in form cookie.
    var signInCookieName: String { store.identity.signInCookieName }

    /// Runs `body` against a fresh store with an account of each staff role.
    static func run(secureCookies: Bool = false, _ body: @Sendable (PageFixture) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-web-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try LiaisonStore.initialise(directory: directory, office: "mumbai")
        let store = try LiaisonStore(directory: directory, schema: BundledPlugins.schema)
        for role in [TokenRole.reader, .editor, .admin] {
            try await store.addAccount(name: "\(role.rawValue)-user", role: role, password: password)
        }
        let transport = SyncConfiguration().makeTransport()
        defer { transport.shutdown() }
        let router = Router(context: LiaisonRequestContext.self)
        WebRoutes(
            store: store,
            engine: SyncEngine(store: store, transport: transport),
            plugins: BundledPlugins.registry,
            secureCookies: secureCookies
        )
        .register(on: router)
        try await Application(router: router).test(.router) { client in
            try await body(PageFixture(store: store, client: client))
        }
    }

    /// A GET, sending `cookie` (`name=value`) when given.
    func get(_ path: String, cookie: String? = nil) async throws -> TestResponse {
        try await client.execute(uri: path, method: .get, headers: Self.cookieHeader(cookie))
    }

    /// A form POST of `fields`, sending `cookie` when given.
    func post(_ path: String, _ fields: [(String, String)], cookie: String? = nil) async throws -> TestResponse {
        var headers = Self.cookieHeader(cookie)
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// Signs in as `<role>-user` the way a browser does: the sign-in page for its token and
    /// cookie, then the form with both. Answers the session cookie (`<sessionCookieName>=…`) and
    /// the CSRF token of the page it lands on.
    func signIn(as role: TokenRole) async throws -> (cookie: String, csrf: String)? {
        let reply = try await signInForm(["username": "\(role.rawValue)-user", "password": Self.password])
        guard reply.status == .seeOther, let cookie = Self.setCookie(sessionCookieName, in: reply) else { return nil }
        let session = String(cookie.split(separator: ";")[0])
        let page = try await get("/records", cookie: session)
        guard let csrf = Self.csrf(in: page) else { return nil }
        return (session, csrf)
    }

    /// Loads the sign-in page and posts `fields` with its token and cookie.
    func signInForm(_ fields: KeyValuePairs<String, String>) async throws -> TestResponse {
        let page = try await get("/login")
        let cookie = Self.setCookie(signInCookieName, in: page).map { String($0.split(separator: ";")[0]) }
        let token = Self.hidden("signin", in: page) ?? ""
        return try await post("/login", fields.map { ($0.key, $0.value) } + [("signin", token)], cookie: cookie)
    }

    /// The whole `Set-Cookie` value (with attributes) that sets cookie `name`.
    static func setCookie(_ name: String, in reply: TestResponse) -> String? {
        reply.headers[values: .setCookie].first { $0.hasPrefix(name + "=") }
    }

    /// The attributes of a `Set-Cookie` value, without its `name=value`.
    static func attributes(_ setCookie: String) -> Set<String> {
        Set(setCookie.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) })
    }

    /// The CSRF token in a page's forms.
    static func csrf(in reply: TestResponse) -> String? { hidden("csrf", in: reply) }

    /// The value of hidden input `name` in a page.
    static func hidden(_ name: String, in reply: TestResponse) -> String? {
        let page = String(buffer: reply.body)
        guard let range = page.range(of: "name=\"\(name)\" value=\"([^\"]*)\"", options: .regularExpression) else { return nil }
        return String(page[range].dropFirst("name=\"\(name)\" value=\"".count).dropLast())
    }

    private static func cookieHeader(_ cookie: String?) -> HTTPFields {
        var headers = HTTPFields()
        if let cookie { headers[.cookie] = cookie }
        return headers
    }

    private static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}
