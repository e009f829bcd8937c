import Synchronization

/// Idle easy handles, kept so that their connections stay alive for the next request.
final class EasyHandlePool: Sendable {
    private struct State {
        var idle: [EasyHandle] = []
        var closed = false
    }

    private let state = Mutex(State())
    private let maxIdle: Int

    /// - Parameter maxIdle: the most idle handles kept; more are freed when returned.
    init(maxIdle: Int) {
        self.maxIdle = max(1, maxIdle)
    }

    /// An idle handle, or a new one; `nil` if libcurl could not make one.
    func checkout() -> EasyHandle? {
        if let handle = state.withLock({ $0.idle.popLast() }) {
            return handle
        }
        return EasyHandle()
    }

    /// Returns a handle to the pool once its transfer is over. After ``close()`` it is freed instead.
    func checkin(_ handle: EasyHandle) {
        // A handle dropped here is freed (curl_easy_cleanup) outside the lock, when `handle` goes out of scope.
        state.withLock { state in
            guard !state.closed, state.idle.count < maxIdle else { return }
            state.idle.append(handle)
        }
    }

    /// Frees every idle handle and stops keeping handles. Idempotent.
    func close() {
        let idle = state.withLock { state in
            state.closed = true
            let idle = state.idle
            state.idle = []
            return idle
        }
        _ = idle  // released here, outside the lock
    }
}
