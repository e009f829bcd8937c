import LiaisonCore
import LiaisonHTTP
import LiaisonStore

/// The chrome around every page: header with the office, navigation, who is signed in and
/// sign-out; the page's notice; a footer naming the node.
struct WebLayout: Sendable {
    /// The parts of the interface, for the navigation.
    enum Section: String, CaseIterable, Sendable {
        case records, conflicts, reports, sync, admin

        var title: String {
            switch self {
            case .records: "Records"
            case .conflicts: "Conflicts"
            case .reports: "Reports"
            case .sync: "Sync status"
            case .admin: "Admin"
            }
        }
    }

    let office: String
    let replicaID: String
    let user: WebUser
    let conflicts: Int

    func page(title: String, section: Section?, notice: HTML?, body: HTML) -> HTML {
        let links = Section.allCases.filter { $0 != .admin || user.isAdmin }.map { item -> HTML in
            let current: HTML = item == section ? " aria-current=\"page\"" : ""
            let count: HTML =
                item == .conflicts && conflicts > 0
                ? "<span class=\"count\" aria-label=\"\(conflicts) open\">\(conflicts)</span>" : ""
            let href = item == .admin ? "/admin/users" : "/\(item.rawValue)"
            return "<li><a href=\"\(href)\"\(current)>\(item.title)\(count)</a></li>"
        }
        return Self.document(
            title: title,
            office: office,
            content: """
                <header class="top">
                <div class="brand"><a href="/records">Liaison</a><span class="office">\(WebFormat.office(office)) office</span></div>
                <nav aria-label="Main"><ul>\(HTML.join(links))</ul></nav>
                <form class="signout" method="post" action="/logout">
                <input type="hidden" name="csrf" value="\(user.session.csrf)">
                <span class="who">Signed in as <strong>\(user.account.displayName)</strong> (\(user.name), \(user.role.rawValue))
                · <a href="/account/password">Password</a></span>
                <button type="submit">Sign out</button>
                </form>
                </header>
                <main id="main">
                \(notice)
                \(body)
                </main>
                <footer>Liaison node \(replicaID) · US Commercial Service, India</footer>
                """
        )
    }

    /// A page without the header (sign-in, signed-out errors).
    static func bare(title: String, office: String? = nil, body: HTML) -> HTML {
        document(title: title, office: office, content: "<main id=\"main\">\(body)</main>")
    }

    private static func document(title: String, office: String?, content: HTML) -> HTML {
        let place = office.map { " · \(WebFormat.office($0))" } ?? ""
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · Liaison\(place)</title>
            <link rel="stylesheet" href="/static/liaison.css">
            <script src="/static/liaison.js" defer></script>
            </head>
            <body>
            <a class="skip" href="#main">Skip to content</a>
            \(content)
            </body>
            </html>
            """
    }
}

/// A notice shown above a page's content.
enum WebNotice {
    static func ok(_ text: String) -> HTML { "<div class=\"notice ok\" role=\"status\">\(text)</div>" }
    static func info(_ text: String) -> HTML { "<div class=\"notice\" role=\"status\">\(text)</div>" }
    static func warn(_ text: String) -> HTML { "<div class=\"notice warn\" role=\"alert\">\(text)</div>" }
    static func error(_ text: String) -> HTML { "<div class=\"notice error\" role=\"alert\">\(text)</div>" }

    /// The notice a redirect asked for with `?done=<key>` (fixed texts only).
    static func done(_ key: String?) -> HTML? {
        switch key {
        case "created": ok("The record was created.")
        case "saved": ok("Your changes were saved.")
        case "nochange": info("Nothing was changed, so nothing was saved.")
        case "deleted":
            ok(
                "The record was deleted. Other offices will see the deletion after their next sync. To undo it, find it with Deleted records and press Restore on its page."
            )
        case "undeleted": ok("The record was restored. Other offices will see it again after their next sync.")
        case "restored": ok("The earlier value was written again. Other offices will see it after their next sync.")
        case "resolved": ok("The conflict was resolved. Every office will show the value you chose after sync.")
        case "synced": ok("Synced with every peer just now: each peer's last success is below.")
        case "syncproblems": warn("Sync finished with problems: each failing peer's last error is below.")
        case "nopeers": info("This node has no peers to sync with.")
        case "role": ok("The user's role was changed: it applies from their next page.")
        case "disabled": ok("The user was disabled and signed out everywhere; their API tokens stop working too.")
        case "enabled": ok("The user was enabled: they can sign in again.")
        case "unlocked": ok("The user can sign in at once: the failed sign-ins counted until now are forgotten.")
        case "revoked": ok("The token was revoked: it no longer works.")
        case "peeradded": ok("The peer was added: this node syncs with it from the next round.")
        case "peerremoved": ok("The peer was removed: this node no longer syncs with it.")
        case "dropped": ok("The quarantine entry was dropped.")
        case "droppedall": ok("Every quarantine entry was dropped.")
        case "signedout": ok("You are signed out.")
        case "password": ok("Your password was changed. Other browsers signed in as you were signed out.")
        case "conflict":
            warn(
                "Saved, but someone else changed the same thing at the same time without seeing your change. Both values are kept as a conflict: choose one below."
            )
        default: nil
        }
    }
}
