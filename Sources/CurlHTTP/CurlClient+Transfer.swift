import CCurl

extension CurlClient {
    /// Performs one transfer on the calling (worker) thread.
    func perform(_ transfer: Transfer) -> Result<HTTPResponse, any Error> {
        if transfer.isCancelled { return .failure(CancellationError()) }
        guard let handle = handles.checkout() else {
            return .failure(CurlError(code: .other, description: "could not create a libcurl handle"))
        }
        defer { handles.checkin(handle) }

        let request = transfer.request
        let headerList: UnsafeMutablePointer<curl_slist>?
        switch makeHeaderList(for: request) {
        case .success(let list): headerList = list
        case .failure(let error): return .failure(error)
        }
        defer {
            // The list is not copied by libcurl: unset it before freeing it.
            handle.set(CURLOPT_HTTPHEADER, pointer: nil)
            curl_slist_free_all(headerList)
        }

        let context = Unmanaged.passUnretained(transfer).toOpaque()
        let timeout = request.timeout ?? configuration.totalTimeout
        let code: CURLcode = withExtendedLifetime(transfer) {
            configure(handle, for: request, timeout: timeout, headerList: headerList, context: context)
            return curl_easy_perform(handle.raw)
        }
        // The handle must not call back into the transfer once it is gone.
        handle.set(CURLOPT_WRITEDATA, pointer: nil)
        handle.set(CURLOPT_HEADERDATA, pointer: nil)
        handle.set(CURLOPT_XFERINFODATA, pointer: nil)

        guard code == CURLE_OK else {
            if code == CURLE_ABORTED_BY_CALLBACK && transfer.isCancelled {
                return .failure(CancellationError())
            }
            return .failure(
                CurlError(
                    curlCode: code,
                    detail: handle.errorText,
                    osErrno: handle.info(CURLINFO_OS_ERRNO),
                    request: request,
                    timeout: timeout,
                    connectTimeout: configuration.connectTimeout,
                    maxResponseBytes: configuration.maxResponseBytes,
                    bodyTooLarge: transfer.tooLarge
                )
            )
        }
        return .success(
            HTTPResponse(
                status: handle.info(CURLINFO_RESPONSE_CODE),
                headers: transfer.headers,
                body: transfer.body,
                wireBytes: Int(handle.offsetInfo(CURLINFO_SIZE_DOWNLOAD_T)),
                newConnections: handle.info(CURLINFO_NUM_CONNECTS)
            )
        )
    }

    /// Sets every option for one request, starting from a reset handle (which keeps its live connections).
    private func configure(
        _ handle: EasyHandle,
        for request: HTTPRequest,
        timeout: Double,
        headerList: UnsafeMutablePointer<curl_slist>?,
        context: UnsafeMutableRawPointer
    ) {
        curl_easy_reset(handle.raw)
        handle.clearErrorText()
        handle.set(CURLOPT_ERRORBUFFER, pointer: handle.errorBuffer)
        handle.set(CURLOPT_NOSIGNAL, 1)
        handle.set(CURLOPT_URL, request.url)
        handle.set(CURLOPT_PROTOCOLS_STR, "http,https")

        setMethod(handle, request: request)
        if let headerList { handle.set(CURLOPT_HTTPHEADER, pointer: headerList) }

        handle.set(CURLOPT_CONNECTTIMEOUT_MS, milliseconds(configuration.connectTimeout))
        handle.set(CURLOPT_TIMEOUT_MS, milliseconds(timeout))

        if configuration.acceptCompressed { handle.set(CURLOPT_ACCEPT_ENCODING, "gzip") }
        if let caFile = configuration.caFile { handle.set(CURLOPT_CAINFO, caFile) }
        handle.set(CURLOPT_SSL_VERIFYPEER, configuration.verifyPeer ? 1 : 0)
        handle.set(CURLOPT_SSL_VERIFYHOST, configuration.verifyPeer ? 2 : 0)
        handle.set(CURLOPT_MAXFILESIZE_LARGE, offset: Int64(configuration.maxResponseBytes))

        CCurl_easy_setopt_write_callback(handle.raw, CURLOPT_WRITEFUNCTION, TransferCallbacks.write)
        handle.set(CURLOPT_WRITEDATA, pointer: context)
        CCurl_easy_setopt_header_callback(handle.raw, TransferCallbacks.header)
        handle.set(CURLOPT_HEADERDATA, pointer: context)
        CCurl_easy_setopt_xferinfo_callback(handle.raw, TransferCallbacks.progress)
        handle.set(CURLOPT_XFERINFODATA, pointer: context)
        handle.set(CURLOPT_NOPROGRESS, 0)
    }

    /// The method, and the body: `CURLOPT_POSTFIELDSIZE_LARGE` first, then `CURLOPT_COPYPOSTFIELDS` (copied now).
    private func setMethod(_ handle: EasyHandle, request: HTTPRequest) {
        let method = request.method.uppercased()
        let sendsBody = request.body != nil || ["POST", "PUT", "PATCH"].contains(method)
        if method == "HEAD" {
            handle.set(CURLOPT_NOBODY, 1)
        } else if sendsBody {
            let body = request.body ?? []
            handle.set(CURLOPT_POST, 1)
            handle.set(CURLOPT_POSTFIELDSIZE_LARGE, offset: Int64(body.count))
            if body.isEmpty {
                handle.set(CURLOPT_COPYPOSTFIELDS, "")
            } else {
                _ = body.withUnsafeBytes { handle.set(CURLOPT_COPYPOSTFIELDS, pointer: $0.baseAddress) }
            }
        } else {
            handle.set(CURLOPT_HTTPGET, 1)
        }
        let curlDefault = method == "HEAD" ? "HEAD" : (sendsBody ? "POST" : "GET")
        if request.method != curlDefault {
            handle.set(CURLOPT_CUSTOMREQUEST, request.method)
        }
    }

    /// The request's header fields as a `curl_slist`, plus blanks that stop libcurl adding its own
    /// `Content-Type: application/x-www-form-urlencoded` and `Expect: 100-continue`.
    private func makeHeaderList(
        for request: HTTPRequest
    ) -> Result<UnsafeMutablePointer<curl_slist>?, CurlError> {
        var lines: [String] = []
        var names: Set<String> = []
        for (name, value) in request.headers {
            // By bytes: "\r\n" is one Character, equal to neither "\r" nor "\n".
            let invalid = { (text: String) in text.utf8.contains { $0 == 13 || $0 == 10 || $0 == 0 } }
            guard !name.isEmpty, !invalid(name), !invalid(value), !name.contains(":") else {
                return .failure(
                    CurlError(code: .other, description: "invalid request header \"\(name)\" (\(request.url))")
                )
            }
            names.insert(name.lowercased())
            // "Name;" sends a header with an empty value; "Name:" would remove it.
            lines.append(value.isEmpty ? "\(name);" : "\(name): \(value)")
        }
        if !names.contains("content-type") { lines.append("Content-Type:") }
        if !names.contains("expect") { lines.append("Expect:") }

        var list: UnsafeMutablePointer<curl_slist>? = nil
        for line in lines {
            guard let appended = curl_slist_append(list, line) else {
                curl_slist_free_all(list)
                return .failure(CurlError(code: .other, description: "out of memory building request headers"))
            }
            list = appended
        }
        return .success(list)
    }

    private func milliseconds(_ seconds: Double) -> Int {
        guard seconds > 0, seconds.isFinite else { return 0 }
        return max(1, Int((seconds * 1000).rounded()))
    }
}
