import LiaisonCore
public import LiaisonStore
public import Logging

extension StoreUpgrade {
    /// Logs the upgrade at info level: one line per migration applied, with its name, then one
    /// with the time of the whole upgrade.
    public func log(to logger: Logger) {
        for name in migrations {
            logger.info("store upgraded: migration \"\(name)\" applied", metadata: ["migration": "\(name)"])
        }
        let seconds = Self.seconds(duration)
        logger.info(
            "store upgraded: \(Wording.counted(migrations.count, "migration")) in \(seconds) s",
            metadata: ["migrations": "\(migrations.count)", "seconds": "\(seconds)"]
        )
    }

    /// `0.042`: seconds with three decimals.
    static func seconds(_ duration: Duration) -> String {
        let millis = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return "\(millis / 1000).\(String(millis % 1000 + 1000).dropFirst())"
    }
}
