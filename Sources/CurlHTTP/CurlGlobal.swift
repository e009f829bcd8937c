import CCurl

/// `curl_global_init`, run once, the first time a handle is made. Swift initialises globals lazily and thread-safely.
let curlGlobalInitialized: Bool = {
    curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK
}()
