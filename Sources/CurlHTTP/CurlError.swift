/// A transfer that failed: no response came back.
///
/// Match on ``code`` to tell failures apart; ``description`` names what failed, for logs and users.
///
/// ```swift
/// do {
///     let response = try await client.send(request)
/// } catch let error as CurlError where error.code == .connectionRefused {
///     // the peer is down
/// }
/// ```
///
/// A cancelled task throws `CancellationError`, not a `CurlError`.
public struct CurlError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure this is.
    public enum Code: Sendable, Hashable {
        /// The connection could not be made: usually refused (the host is up, the port is closed); the description
        /// says `refused`, or names the system's reason (unreachable, ...).
        case connectionRefused
        /// The host name did not resolve.
        case couldNotResolve
        /// The connection was made (or reused) but the answer did not come within the total timeout: the request
        /// may have reached the peer, and a smaller one may get through.
        case timedOut
        /// No connection was made within the connect timeout: the host name did not resolve in time, the
        /// connection attempts were dropped (a host that is down, a firewall, or the peer's queue of connections
        /// waiting to be accepted is full), or the TLS handshake did not finish. The request never left.
        case connectTimedOut
        /// TLS failed: the handshake, the peer's certificate, or the CA file.
        case tls
        /// The response body was larger than ``CurlClientConfiguration/maxResponseBytes``.
        case responseTooLarge
        /// Anything else.
        case other
    }

    /// What kind of failure this is.
    public let code: Code
    /// A sentence naming what failed, such as `connect to 127.0.0.1:8080 refused`.
    public let description: String
    /// libcurl's own result code (`CURLcode`), or 0 when the error did not come from libcurl.
    public let curlCode: Int

    /// Creates an error.
    public init(code: Code, description: String, curlCode: Int = 0) {
        self.code = code
        self.description = description
        self.curlCode = curlCode
    }
}
