/// Who this store is: made once at `init`, never reused.
public struct NodeIdentity: Hashable, Sendable {
    /// The replica id (`mumbai.k3f9q2`).
    public let replicaID: String
    /// The office slug the node serves.
    public let office: String
    /// When the store was initialised (ms since 1970).
    public let createdAt: Int64
}
