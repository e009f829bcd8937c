import Foundation

/// A raw TCP connection to a node on this machine, for tests that must send or read less than
/// an HTTP client would: half a request head, the first bytes of a long answer.
public enum LoopbackSocket {
    /// A socket connected to `127.0.0.1:port` that waits at most 15 s to connect and for each
    /// read or write; the caller closes it.
    /// - Throws: `POSIXError` with the connect's error (refused, timed out, ...).
    public static func connect(port: Int) throws -> Int32 {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw POSIXError(.EMFILE) }
        var timeout = timeval(tv_sec: 15, tv_usec: 0)
        // The send timeout bounds the connect too (one that no queue takes fails, not hangs).
        setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = address(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let failure = POSIXErrorCode(rawValue: errno) ?? .ECONNREFUSED
            close(socket)
            throw POSIXError(failure)
        }
        return socket
    }

    /// `127.0.0.1:port` as a socket address (port 0: any free port, to bind).
    static func address(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
