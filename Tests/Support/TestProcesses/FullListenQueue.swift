import Foundation

/// A loopback port that takes no more connections, as a host that has gone away behind a
/// firewall: it listens with a queue of one connection, never accepts, and holds one connection
/// in that queue, so the kernel drops every later attempt to connect and a client's connect
/// times out (nothing is refused). ``close()`` ends it.
public final class FullListenQueue: Sendable {
    /// The port that takes no connections.
    public let port: Int
    private let listener: Int32
    private let queued: Int32

    /// Listens on a free loopback port and fills its queue.
    public init() throws {
        let listener = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw POSIXError(.EMFILE) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && listen(listener, 0) == 0 && getsockname(listener, $0, &length) == 0
            }
        }
        guard listening else {
            Foundation.close(listener)
            throw POSIXError(.EADDRNOTAVAIL)
        }
        let port = Int(UInt16(bigEndian: address.sin_port))
        do {
            queued = try LoopbackSocket.connect(port: port)
        } catch {
            Foundation.close(listener)
            throw error
        }
        (self.listener, self.port) = (listener, port)
    }

    /// Closes the queued connection and the listener.
    public func close() {
        Foundation.close(queued)
        Foundation.close(listener)
    }
}
