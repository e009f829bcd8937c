import LiaisonConfig

extension ServerConfiguration {
    /// `host:port` as a URL writes it: an IPv6 address in brackets (`[::1]:8080`), whose own
    /// colons would otherwise read as the port's.
    static func authority(host: String, port: Int) -> String {
        host.contains(":") && !host.hasPrefix("[") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// The URL of the node once it listens on `port` (the one bound, for port 0):
    /// `http://127.0.0.1:8080`, `https://[::1]:8443`.
    public func url(port: Int) -> String {
        "\(scheme)://\(Self.authority(host: node.host, port: port))"
    }
}
