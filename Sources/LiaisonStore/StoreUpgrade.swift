/// The upgrade a store's open made (``LiaisonStore/upgrade``): the migrations it applied, in
/// order, and the time of the whole upgrade (migrations and the fills after them).
///
/// ```swift
/// if let upgrade = store.upgrade {
///     for name in upgrade.migrations { logger.info("migration applied", metadata: ["migration": "\(name)"]) }
/// }
/// ```
public struct StoreUpgrade: Sendable, Equatable {
    /// The names (identifiers in `grdb_migrations`) of the migrations applied, in the order
    /// they ran; never empty.
    public let migrations: [String]
    /// How long the whole upgrade took.
    public let duration: Duration
}
