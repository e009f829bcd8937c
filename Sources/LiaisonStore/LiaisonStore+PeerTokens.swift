public import Foundation
import LiaisonCore

/// The peer tokens this node holds for peers added over the web page: files the server's
/// operator put in `<data dir>/peer-tokens`. An office admin on the page names one of them; any
/// other file on the server is refused, as this node sends a peer token file's contents to the
/// peer's URL (a staff role must not be able to send the server's other files anywhere).
/// `liaison peer add --token-file` and `liaison.conf`, run by the operator on the server, may
/// name any file.
extension LiaisonStore {
    /// The directory of peer tokens the web page may use: `peer-tokens` in the data directory.
    public var peerTokenDirectory: URL {
        Self.peerTokenDirectory(in: file.deletingLastPathComponent())
    }

    /// The token file a peer added or changed over the web page uses, for what the admin typed:
    /// the name of a file in ``peerTokenDirectory`` (`chennai.token`), or a path to one there.
    /// Symbolic links are followed, so only a file really in that directory passes.
    ///
    /// ```swift
    /// let path = try store.heldPeerTokenFile("chennai.token")  // "/srv/liaison/peer-tokens/chennai.token"
    /// ```
    /// - Returns: the file's absolute path, to store as the peer's token file.
    /// - Throws: ``StoreError`` `.invalid` naming the directory a token file must be in, and how
    ///   the operator puts one there, when `given` names a file anywhere else.
    public func heldPeerTokenFile(_ given: String) throws -> String {
        let url = URL(fileURLWithPath: given, relativeTo: peerTokenDirectory)
        let path = url.resolvedPath()
        guard peerTokenDirectory.holds(path) else {
            throw StoreError(
                .invalid,
                "a peer added here must use a token file this node holds for peers, in \(peerTokenDirectory.path); \(whyNotHeld(given, url)). Ask whoever runs the server to put the peer token in that directory (install -d -m 700 \(peerTokenDirectory.path); install -m 600 FILE \(peerTokenDirectory.path)/), then give its name, e.g. chennai.token"
            )
        }
        return path
    }

    /// Why `given` (at `url`) is not a file in ``peerTokenDirectory``, for the refusal: nothing
    /// named, a name outside it, a link there to a file elsewhere, or a path through a link.
    private func whyNotHeld(_ given: String, _ url: URL) -> String {
        let shown = TerminalText.line(String(given.prefix(200)))
        if given.isEmpty { return "no file was named" }
        let itself = url.resolvedPath(followingItself: false)
        guard peerTokenDirectory.holds(itself) else { return "\(shown) is outside it" }
        let isLink = (try? FileManager.default.attributesOfItem(atPath: itself)[.type] as? FileAttributeType) == .typeSymbolicLink
        return isLink
            ? "\(shown) is a link to a file outside it, and links out of it are refused" : "\(shown) leads outside it through a linked directory"
    }
}
