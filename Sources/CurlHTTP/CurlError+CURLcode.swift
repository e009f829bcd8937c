import CCurl

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CurlError {
    /// The error for a failed `curl_easy_perform`, naming what failed.
    init(
        curlCode: CURLcode,
        detail: String?,
        osErrno: Int,
        request: HTTPRequest,
        timeout: Double,
        connectTimeout: Double,
        maxResponseBytes: Int,
        bodyTooLarge: Bool
    ) {
        let target = "\(request.method) \(request.url)"
        let endpoint = Self.endpoint(of: request.url)
        let raw = Int(curlCode.rawValue)
        let detailText = detail ?? String(cString: curl_easy_strerror(curlCode))

        switch curlCode {
        case CURLE_COULDNT_CONNECT:
            let refused = osErrno == Int(ECONNREFUSED) || detailText.lowercased().contains("refused")
            let reason = osErrno != 0 ? String(cString: strerror(Int32(osErrno))) : detailText
            self.init(
                code: .connectionRefused,
                description: refused ? "connect to \(endpoint) refused" : "connect to \(endpoint) failed: \(reason)",
                curlCode: raw
            )
        case CURLE_COULDNT_RESOLVE_HOST:
            self.init(
                code: .couldNotResolve,
                description: "could not resolve host \(Self.host(of: request.url) ?? endpoint) (\(target))",
                curlCode: raw
            )
        case CURLE_OPERATION_TIMEDOUT:
            // libcurl says "Resolving timed out after ...", "Connection timed out after ..." or "Failed to
            // connect ..." before it is connected, "Operation timed out after ..." once connected.
            let detailWords = detailText.lowercased()
            let duringConnect = detailWords.contains("connect") || detailWords.contains("resolv")
            let connectLimit = timeout > 0 ? min(connectTimeout, timeout) : connectTimeout
            let description =
                duringConnect
                ? "connect to \(endpoint) timed out after \(Self.seconds(connectLimit)) s (\(target))"
                : "timed out after \(Self.seconds(timeout)) s (\(target))"
            self.init(code: duringConnect ? .connectTimedOut : .timedOut, description: description, curlCode: raw)
        case CURLE_WRITE_ERROR where bodyTooLarge, CURLE_FILESIZE_EXCEEDED:
            self.init(
                code: .responseTooLarge,
                description: "response body larger than \(maxResponseBytes) bytes (\(target))",
                curlCode: raw
            )
        case _ where Self.tlsCodes.contains(curlCode):
            self.init(
                code: .tls,
                description: "TLS error with \(endpoint): \(detailText) (\(target))",
                curlCode: raw
            )
        default:
            self.init(
                code: .other,
                description: "\(String(cString: curl_easy_strerror(curlCode))): \(detailText) (\(target))",
                curlCode: raw
            )
        }
    }

    private static let tlsCodes: [CURLcode] = [
        CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
        CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_CRL_BADFILE, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
        CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED,
        CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_SHUTDOWN_FAILED, CURLE_USE_SSL_FAILED,
    ]

    /// Whole seconds as `10`, fractions as `0.5`.
    static func seconds(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// `host:port` of a URL as libcurl parses it (default port filled in), or the URL itself.
    static func endpoint(of url: String) -> String {
        guard let host = host(of: url) else { return url }
        guard let port = urlPart(url, CURLUPART_PORT, flags: UInt32(CURLU_DEFAULT_PORT)) else { return host }
        return host.contains(":") && !host.hasPrefix("[") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    static func host(of url: String) -> String? {
        urlPart(url, CURLUPART_HOST, flags: 0)
    }

    private static func urlPart(_ url: String, _ part: CURLUPart, flags: UInt32) -> String? {
        guard let handle = curl_url() else { return nil }
        defer { curl_url_cleanup(handle) }
        guard curl_url_set(handle, CURLUPART_URL, url, 0) == CURLUE_OK else { return nil }
        var value: UnsafeMutablePointer<CChar>? = nil
        guard curl_url_get(handle, part, &value, flags) == CURLUE_OK, let value else { return nil }
        defer { curl_free(value) }
        return String(cString: value)
    }
}
