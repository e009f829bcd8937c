import CCurl
import Testing

@testable import CurlHTTP

/// libcurl gives one code for every timeout; its message says whether a connection was made
/// (`.timedOut`: the request may have reached the peer) or not (`.connectTimedOut`). These are the
/// messages of libcurl 7.88 for each phase.
@Suite("Which timeouts happened before a connection was made")
struct CurlErrorTimeoutTests {
    static func code(of message: String?) -> CurlError.Code {
        CurlError(
            curlCode: CURLE_OPERATION_TIMEDOUT,
            detail: message,
            osErrno: 0,
            request: CurlHTTP.HTTPRequest(url: "http://10.0.0.5:8080/v1/sync/changes"),
            timeout: 30,
            connectTimeout: 5,
            maxResponseBytes: 1 << 20,
            bodyTooLarge: false
        ).code
    }

    @Test(arguments: [
        "Resolving timed out after 5000 milliseconds",
        "Connection timed out after 5001 milliseconds",
        "Connection timeout after 5001 ms",
        "Failed to connect to 10.0.0.5 port 8080 after 5001 ms: Timeout was reached",
        "SSL connection timeout",
    ])
    func beforeAConnectionIsAConnectTimeout(message: String) {
        #expect(Self.code(of: message) == .connectTimedOut)
    }

    @Test(arguments: [
        "Operation timed out after 30000 milliseconds with 0 bytes received",
        "Operation timed out after 30001 milliseconds with 524288 out of 4194304 bytes received",
    ])
    func onceConnectedIsATimeout(message: String) {
        #expect(Self.code(of: message) == .timedOut)
    }

    @Test func withoutAMessageIsATimeout() {
        // libcurl's own text for the code, "Timeout was reached": the request may have gone.
        #expect(Self.code(of: nil) == .timedOut)
    }
}
