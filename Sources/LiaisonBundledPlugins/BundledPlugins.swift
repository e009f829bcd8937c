import LiaisonCore

/// The plugins this build of Liaison ships with, listed statically, and the schema they
/// compose with the core fields.
public enum BundledPlugins {
    /// The record schema: core fields plus every bundled plugin's track fields.
    public static var schema: Schema { .core }
}
