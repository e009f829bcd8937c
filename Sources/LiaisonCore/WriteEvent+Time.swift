extension WriteEvent {
    /// Whether the time the event was made is unknown: a reconstructed event whose write's time
    /// was not recorded (`at` 0), shown as "time unknown".
    public var isTimeUnknown: Bool { reconstructed && meta.at == 0 }

    /// Whether the event's time lies outside the range every office accepts
    /// (``IntakeLimits/writeTimeRange``): a write made at a node whose clock was wrong, before
    /// release 2026.12.04.3 refused such writes. Peers refuse it (its record stays at its
    /// office); the history shows the stored time, marked.
    public var isTimeOutOfRange: Bool { !isTimeUnknown && meta.isTimeOutOfRange }
}

extension WriteMeta {
    /// Whether the write's time lies outside the range every office accepts
    /// (``IntakeLimits/writeTimeRange``): its node's clock was wrong (see
    /// ``WriteEvent/isTimeOutOfRange``). Wherever the time is shown, it is shown marked.
    public var isTimeOutOfRange: Bool { !IntakeLimits.isWriteTime(at) }
}
