import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// The node could not listen where it was told to: the port is taken, or the host is not an
/// address of this machine or a name with no address. Said in one line, with what to do, instead of NIO's `bind(...)` text.
public struct ListenError: Error, CustomStringConvertible {
    public let description: String

    /// The error for `host:port`, from what binding answered; nil for any other error.
    init?(_ error: any Error, host: String, port: Int) {
        let reason: String
        switch (error as? IOError)?.errnoCode {
        case EADDRINUSE: reason = "the port is taken (another node or program uses it; choose another with --port)"
        case EADDRNOTAVAIL: reason = "\(host) is not an address of this machine (server.host, --host)"
        case EACCES: reason = "not allowed (ports below 1024 need privileges; choose another with --port)"
        default:
            if error is SocketAddressError.UnknownHost {
                reason = "no address is known for the host name \(host) (server.host, --host, LIAISON_HOST)"
            } else {
                guard error is SocketAddressError else { return nil }
                reason = "\(host) is not an address of this machine (server.host, --host)"
            }
        }
        description = "cannot listen on \(ServerConfiguration.authority(host: host, port: port)): \(reason)"
    }
}
