import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// Waits for a signal that stops the node: SIGTERM (a service manager), SIGINT (Ctrl-C) or
/// SIGHUP (the terminal or SSH session that started it closed). It logs which arrived (notice)
/// and returns, and its service group then shuts down gracefully (run it with
/// `successTerminationBehavior: .gracefullyShutdownGroup`). It also returns when the group shuts
/// down for another reason.
///
/// A node started ignoring SIGHUP (`nohup liaison serve`) keeps ignoring it.
struct StopSignalService: Service {
    let logger: Logger
    /// The signals that stop the node, trapped when the service is made: make it before the
    /// server starts, so that a signal as soon as the node listens stops it gracefully too.
    let signals: UnixSignalsSequence

    init(logger: Logger) async {
        self.logger = logger
        signals = await UnixSignalsSequence(trapping: [.sigterm, .sigint] + (Self.isHangupIgnored ? [] : [.sighup]))
    }

    func run() async throws {
        for await signal in signals.cancelOnGracefulShutdown() {
            logger.notice("\(signal) received: stopping (requests in flight finish, each sync finishes its batch)")
            return
        }
    }

    /// Whether this process was started with SIGHUP ignored, as `nohup` starts a command.
    private static var isHangupIgnored: Bool {
        var current = sigaction()
        sigaction(SIGHUP, nil, &current)
        return unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }
}
