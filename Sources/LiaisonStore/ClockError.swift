import LiaisonCore

/// A local write refused because this node's clock is outside the range of a write's time
/// that every office accepts (``IntakeLimits/writeTimeRange``). Saved, the write would carry a
/// time every peer quarantines, and the record would split for good: nothing is written.
///
/// ```swift
/// do { _ = try store.writeTime() } catch { logger.warning("\(error.problem)") }
/// ```
public struct ClockError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What the clock said, in milliseconds since 1970.
    public let clock: Int64

    /// An error for a clock that said `clock`.
    public init(clock: Int64) {
        self.clock = clock
    }

    /// What is wrong and what to do, without saying what it stopped.
    public var problem: String {
        "this node's clock says \(Timestamp.iso(clock)), outside \(IntakeLimits.writeTimeRange) (the range of a write's time every office accepts): an admin must set the clock of the node's machine and keep it right (NTP, the clock battery)"
    }

    public var description: String { problem + "; nothing was written" }
}
