import Foundation

extension NodeConfig {
    /// Makes the file names the config file gave relative (a peer's `token_file`,
    /// `server.tls_certificate`, `server.tls_key`, `sync.ca_file`) name files in `directory`,
    /// the one holding liaison.conf, as a reader of the file expects, rather than in whatever
    /// directory the node was started from. Absolute names stay as they are.
    mutating func readFilesRelative(to directory: URL) {
        func resolved(_ path: String) -> String {
            path.isEmpty || path.hasPrefix("/") ? path : directory.appendingPathComponent(path).standardizedFileURL.path
        }
        tlsCertificate = tlsCertificate.map(resolved)
        tlsKey = tlsKey.map(resolved)
        caFile = caFile.map(resolved)
        peers = peers.map { Peer(name: $0.name, url: $0.url, tokenFile: resolved($0.tokenFile)) }
    }
}
