/// The upgrade a store's open made (``LiaisonStore/upgrade``): the migrations it applied, in
/// order, each with the time it took, and the time of the whole upgrade (migrations and the
/// fills after them).
///
/// ```swift
/// if let upgrade = store.upgrade {
///     for step in upgrade.migrations { logger.info("migration applied", metadata: ["migration": "\(step.name)"]) }
/// }
/// ```
public struct StoreUpgrade: Sendable, Equatable {
    /// One migration the open applied.
    public struct Step: Sendable, Equatable {
        /// The migration's name (its identifier in `grdb_migrations`).
        public let name: String
        /// How long it took.
        public let duration: Duration
    }

    /// The migrations applied, in the order they ran; never empty.
    public let migrations: [Step]
    /// How long the whole upgrade took.
    public let duration: Duration
}
