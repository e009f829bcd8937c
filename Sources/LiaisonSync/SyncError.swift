/// Why a sync with a peer failed, in words an operator can act on.
public struct SyncError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The peer's name.
    public let peer: String
    /// What failed.
    public let message: String

    /// Makes an error.
    public init(peer: String, _ message: String) {
        self.peer = peer
        self.message = message
    }

    public var description: String { "\(peer): \(message)" }
}
