import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Whether a loopback port can be bound.
public enum PortProbe {
    /// Whether nothing listens on `127.0.0.1:port` (it is bound and released at once).
    public static func isFree(_ port: Int) -> Bool {
        guard let fd = bound(port) else { return false }
        close(fd)
        return true
    }

    /// A TCP socket bound to `127.0.0.1:port` (with `SO_REUSEADDR`), or nil when the port cannot
    /// be bound; the caller closes it.
    public static func bound(_ port: Int) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard bound else {
            close(fd)
            return nil
        }
        return fd
    }

    /// A base port from which `count` consecutive loopback ports are free, searching upward from `start`.
    public static func freeRange(count: Int, from start: Int = 20_000, to end: Int = 60_000) -> Int? {
        var base = start
        while base + count <= end {
            if let taken = (base..<(base + count)).first(where: { !isFree($0) }) {
                base = taken + 1
            } else {
                return base
            }
        }
        return nil
    }
}
