import LiaisonCore

/// What went wrong with a store operation, matchable in `catch`.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public enum Code: Hashable, Sendable {
        /// No store in the data directory.
        case notInitialised
        /// `init` on a directory that already holds a store.
        case alreadyInitialised
        /// No record with that id.
        case notFound
        /// A write that is refused as it stands (e.g. an edit of a record the writer saw deleted).
        case refused
        /// Input that breaks the schema or a state that does not merge.
        case invalid
    }

    /// The kind of failure.
    public let code: Code
    /// A sentence naming what is wrong.
    public let message: String
    /// For a name another user or token has: who has it. The ``message`` names them but, as the
    /// store does not know who asked, not what to do; the caller says that.
    public let nameClash: NameClash?

    /// Makes an error.
    public init(_ code: Code, _ message: String, nameClash: NameClash? = nil) {
        self.code = code
        self.message = message
        self.nameClash = nameClash
    }

    public var description: String { message }
}
