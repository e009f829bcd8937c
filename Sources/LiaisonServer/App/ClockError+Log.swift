import LiaisonCore
public import LiaisonStore
public import Logging

extension ClockError {
    /// Logs the clock's problem as a warning (`liaison serve` does at start), with what it stops:
    /// every local write of a record, until the clock is set. Sync goes on.
    public func log(to logger: Logger) {
        logger.warning(
            "\(problem); until then every write of a record at this node (API, web page, CLI) is refused and writes nothing, while sync goes on",
            metadata: ["clock": "\(Timestamp.iso(clock))"]
        )
    }
}
