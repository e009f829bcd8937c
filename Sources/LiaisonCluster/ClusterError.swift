/// A cluster command that cannot go on: says what is wrong and what to do.
public struct ClusterError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, in one line.
    public let description: String

    /// A failure described in one line.
    public init(_ description: String) { self.description = description }
}
