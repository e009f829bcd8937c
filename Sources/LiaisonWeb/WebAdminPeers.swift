import Foundation
import Hummingbird
import LiaisonCore
import LiaisonHTTP
import LiaisonStore

/// Peers on the sync page (admins): add one (its URL and the file in the node's peer-token
/// directory holding the peer token it issued: ``LiaisonStore/heldPeerTokenFile(_:)``), remove
/// one, each answering 303 back to the sync page. Status and "Sync now" are the sync page's own.
extension WebRoutes {
    /// The add and remove forms under the sync page's peer table.
    func peerForms(_ peers: [PeerRecord], user: WebUser) -> HTML {
        let csrf: HTML = "<input type=\"hidden\" name=\"csrf\" value=\"\(user.session.csrf)\">"
        let removals = peers.map { peer -> HTML in
            """
            <form method="post" action="/admin/peers/\(peer.name)/remove" class="actions">\(csrf)
            <button type="submit" class="danger">Remove \(peer.name)</button></form>
            """
        }
        return """
            <h2>Add a peer</h2>
            <form method="post" action="/admin/peers" class="card stack">\(csrf)
            <div class="field"><label for="peer-name">Name</label>
            <input type="text" id="peer-name" name="name" required placeholder="chennai" autocapitalize="none" spellcheck="false"></div>
            <div class="field"><label for="peer-url">URL</label>
            <input type="url" id="peer-url" name="url" required placeholder="https://chennai.example:8443"></div>
            <div class="field"><label for="peer-token">Token file</label>
            <input type="text" id="peer-token" name="token_file" required placeholder="chennai.token" aria-describedby="peer-token-help">
            <p class="help" id="peer-token-help">The name of a file in <code>\(store.peerTokenDirectory.path)</code> on this node holding
            the peer token the other node made with <code>liaison token create --role peer</code>. Whoever runs the server puts it
            there; no other file can be used from this page.</p></div>
            <div class="actions"><button type="submit">Add peer</button></div>
            </form>
            \(peers.isEmpty ? HTML.empty : "<h2>Remove a peer</h2>")
            \(removals)
            """
    }

    @Sendable func addPeerForm(_ request: Request, _ context: WebContext) async throws -> Response {
        let user = try context.user
        let form = try context.form(taking: WebFormFields(["name", "url", "token_file"]))
        let name = form.text("name") ?? ""
        let url = form.text("url") ?? ""
        let tokenFile: String
        do {
            tokenFile = try store.heldPeerTokenFile(form.text("token_file") ?? "")
        } catch let error as StoreError {
            return try await showSync(user: user, notice: WebNotice.error("The peer was not added: \(error.message)."), status: .badRequest)
        }
        if let problem = PeerRecord.problem(name: name, url: url, tokenFile: tokenFile) {
            return try await showSync(user: user, notice: WebNotice.error("The peer was not added: \(problem)."), status: .badRequest)
        }
        try await store.addPeer(PeerRecord(name: name, url: url, tokenFile: tokenFile), now: Timestamp.millis())
        return .seeOther("/sync?done=peeradded")
    }

    @Sendable func removePeerForm(_ request: Request, _ context: WebContext) async throws -> Response {
        let user = try context.user
        _ = try context.form(taking: .none)
        let name = context.parameters.decoded("name")
        guard try await store.peers().contains(where: { $0.name == name }) else {
            return try await showSync(user: user, notice: WebNotice.error("There is no peer named \(name)."), status: .notFound)
        }
        try await store.removePeer(named: name)
        return .seeOther("/sync?done=peerremoved")
    }
}
