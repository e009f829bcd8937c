import LiaisonCore

/// Why a sync with a peer failed, in words an operator can act on.
public struct SyncError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The peer's name.
    public let peer: String
    /// What failed.
    public let message: String
    /// Whether the peer did not answer within the time allowed once connected: the request may
    /// have reached it, and a smaller one may get through (a push sends its batch again halved, a
    /// pull asks for half the page). A connection that could not be made in time is not this: a
    /// smaller request would not connect either, so the round fails at once.
    public let timedOut: Bool

    /// Makes an error. Its message often quotes what a peer (or a proxy before it) answered, so
    /// its control characters are escaped and its line breaks shown as `\n`
    /// (``TerminalText/line(_:)``): a log line, `liaison peers` or a terminal shows it as one
    /// line of text, never as a forged log entry or an escape sequence.
    public init(peer: String, _ message: String, timedOut: Bool = false) {
        self.peer = peer
        self.message = TerminalText.line(message)
        self.timedOut = timedOut
    }

    public var description: String { "\(peer): \(message)" }
}
