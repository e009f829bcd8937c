/// Which release of Liaison this build is.
public enum LiaisonRelease {
    /// The release's version: the date it was cut, `YYYY.MM.DD` (a second release the same day
    /// adds `.2`). Set here, in this one place, when a release is cut, and named in the release's
    /// notes (docs/operations.md, *Upgrading*). `liaison --version`, `liaison status` and
    /// `GET /v1/node` (`release`) show it.
    public static let version = "2026.12.06.6"
}
