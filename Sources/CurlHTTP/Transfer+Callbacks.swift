import CCurl

/// libcurl's callbacks, as C function pointers. Each gets the ``Transfer`` back from its user-data pointer.
enum TransferCallbacks {
    /// `CURLOPT_WRITEFUNCTION`: appends body bytes; returning less than given aborts with `CURLE_WRITE_ERROR`.
    static let write: CCurl_write_callback = { buffer, size, count, userData in
        guard let userData else { return 0 }
        let transfer = Unmanaged<Transfer>.fromOpaque(userData).takeUnretainedValue()
        let length = size * count
        guard length > 0, let buffer else { return length }
        return transfer.receiveBody(UnsafeRawBufferPointer(start: buffer, count: length)) ? length : 0
    }

    /// `CURLOPT_HEADERFUNCTION`: one header line at a time.
    static let header: CCurl_write_callback = { buffer, size, count, userData in
        guard let userData else { return 0 }
        let transfer = Unmanaged<Transfer>.fromOpaque(userData).takeUnretainedValue()
        let length = size * count
        guard length > 0, let buffer else { return length }
        transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: buffer, count: length))
        return length
    }

    /// `CURLOPT_XFERINFOFUNCTION`: called often, also while waiting; non-zero aborts with
    /// `CURLE_ABORTED_BY_CALLBACK`.
    static let progress: CCurl_xferinfo_callback = { userData, _, _, _, _ in
        guard let userData else { return 0 }
        let transfer = Unmanaged<Transfer>.fromOpaque(userData).takeUnretainedValue()
        return transfer.isCancelled ? 1 : 0
    }
}
