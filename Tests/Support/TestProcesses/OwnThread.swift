import Foundation

/// Blocking work on a thread of its own, away from Swift's cooperative pool: on Linux the pool
/// is `DispatchQueue.global()`, one thread a core, shared by every in-process test node, and a
/// test that blocks one of its threads (a pipe read, a waiting libcurl call) stalls them all.
public enum OwnThread {
    /// Starts `body` on a new thread and returns at once.
    public static func start(_ body: @escaping @Sendable () -> Void) {
        Thread(block: body).start()
    }

    /// Runs `body` on a new thread and waits, holding no thread of the pool, for what it returns
    /// or throws.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            start { continuation.resume(with: Result { try body() }) }
        }
    }
}
