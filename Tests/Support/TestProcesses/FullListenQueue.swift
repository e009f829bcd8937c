import Foundation

/// A loopback port that takes no more connections, as a host that has gone away behind a
/// firewall: it listens with a queue of two connections, never accepts, and holds two in that
/// queue, so the kernel drops every later attempt to connect and a client's connect times out
/// (nothing is refused). ``close()`` ends it.
public final class FullListenQueue: Sendable {
    /// The port that takes no connections.
    public let port: Int
    private let listener: Int32
    private let queued: [Int32]

    /// Listens on a free loopback port and fills its queue.
    public init() throws {
        let listener = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw POSIXError(.EMFILE) }
        var address = LoopbackSocket.address(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        // A backlog of 1 holds two connections (Linux takes one more while the queue is not over it).
        let listening = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && listen(listener, 1) == 0 && getsockname(listener, $0, &length) == 0
            }
        }
        guard listening else {
            Foundation.close(listener)
            throw POSIXError(.EADDRNOTAVAIL)
        }
        let port = Int(UInt16(bigEndian: address.sin_port))
        var queued: [Int32] = []
        do {
            for _ in 0..<2 { queued.append(try LoopbackSocket.connect(port: port)) }
        } catch {
            queued.forEach { Foundation.close($0) }
            Foundation.close(listener)
            throw error
        }
        (self.listener, self.port, self.queued) = (listener, port, queued)
    }

    /// Closes the queued connections and the listener.
    public func close() {
        queued.forEach { Foundation.close($0) }
        Foundation.close(listener)
    }
}
