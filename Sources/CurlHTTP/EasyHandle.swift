import CCurl

/// One libcurl easy handle and its error buffer. A handle keeps its connection open between transfers.
///
/// An easy handle is not thread-safe: the ``EasyHandlePool`` gives it to one transfer at a time.
final class EasyHandle: @unchecked Sendable {
    /// The `CURL *`.
    let raw: UnsafeMutableRawPointer
    /// `CURLOPT_ERRORBUFFER`: libcurl writes the detail of a failure here.
    let errorBuffer: UnsafeMutablePointer<CChar>

    init?() {
        guard curlGlobalInitialized, let raw = curl_easy_init() else { return nil }
        self.raw = raw
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        self.errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        curl_easy_cleanup(raw)
        errorBuffer.deallocate()
    }

    /// The text libcurl left in the error buffer, or `nil` when empty.
    var errorText: String? {
        let text = String(cString: errorBuffer).trimmingTrailingNewlines()
        return text.isEmpty ? nil : text
    }

    func clearErrorText() {
        errorBuffer[0] = 0
    }

    @discardableResult
    func set(_ option: CURLoption, _ value: Int) -> CURLcode {
        CCurl_easy_setopt_long(raw, option, value)
    }

    @discardableResult
    func set(_ option: CURLoption, _ value: String) -> CURLcode {
        CCurl_easy_setopt_string(raw, option, value)
    }

    @discardableResult
    func set(_ option: CURLoption, pointer: UnsafeRawPointer?) -> CURLcode {
        CCurl_easy_setopt_ptr(raw, option, pointer)
    }

    @discardableResult
    func set(_ option: CURLoption, offset: Int64) -> CURLcode {
        CCurl_easy_setopt_off_t(raw, option, curl_off_t(offset))
    }

    func info(_ info: CURLINFO) -> Int {
        var value = 0
        _ = CCurl_easy_getinfo_long(raw, info, &value)
        return value
    }

    /// A `curl_off_t` item, such as `CURLINFO_SIZE_DOWNLOAD_T`.
    func offsetInfo(_ info: CURLINFO) -> Int64 {
        var value: curl_off_t = 0
        _ = CCurl_easy_getinfo_off_t(raw, info, &value)
        return Int64(value)
    }
}

extension String {
    fileprivate func trimmingTrailingNewlines() -> String {
        var text = Substring(self)
        while let last = text.last, last.isNewline || last == " " { text = text.dropLast() }
        return String(text)
    }
}
