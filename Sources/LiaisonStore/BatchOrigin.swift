/// Where a batch from outside this node came from, for the quarantine (docs/design.md §9): the
/// name an admin sees on each entry, and the room its refused states take their share from.
///
/// The room is who answers for the batch as this node knows it, never what the batch claims:
/// a pushing peer names its replica id itself, so every replica id it claims shares the room of
/// its token, and a pulled peer shares one room whatever replica id its node answers with.
///
/// ```swift
/// let origin = BatchOrigin.push(claiming: "chennai.k3f9q2", token: "chennai")
/// origin.source  // "push from chennai.k3f9q2 (token chennai)"
/// origin.room    // "token chennai"
/// ```
public struct BatchOrigin: Hashable, Sendable {
    /// The name the quarantine shows: `peer chennai (chennai.k3f9q2)`, `bundle mumbai.json`, ...
    public let source: String
    /// Whose share of the quarantine its refused states take (``IntakeLimits/maxQuarantinedPerSource``):
    /// `peer chennai`, `token chennai`, `bundle mumbai.json`, ...
    public let room: String

    /// A batch named `name` that answers for itself (a bundle file, say): shown and bounded as `name`.
    public init(_ name: String) {
        source = name
        room = name
    }

    /// A page pulled from the configured peer `peer`, whose node answered as `replicaID`: shown
    /// with both, bounded per peer (a node there that starts again under a new replica id gets
    /// no more room).
    public static func pull(from peer: String, replicaID: String) -> BatchOrigin {
        BatchOrigin(source: "peer \(peer) (\(replicaID))", room: "peer \(peer)")
    }

    /// A batch pushed with the peer token named `token` by a node that claims to be `replicaID`:
    /// shown with both, bounded per token (a claimed replica id costs nothing to change).
    public static func push(claiming replicaID: String, token: String) -> BatchOrigin {
        BatchOrigin(source: "push from \(replicaID) (token \(token))", room: "token \(token)")
    }

    private init(source: String, room: String) {
        self.source = source
        self.room = room
    }
}
