import Foundation
import HummingbirdTLS
import LiaisonConfig
public import NIOSSL

/// The certificate and key a node serves HTTPS with (`server.tls_certificate`, `server.tls_key`).
///
/// ```swift
/// let tls = try ServerTLS.load(certificate: "/etc/liaison/node.pem", key: "/etc/liaison/node.key")
/// ```
public enum ServerTLS {
    /// The server TLS configuration of a PEM certificate chain and PEM private key, or `nil` when
    /// neither is given. Only one given, a file missing, unreadable or not PEM, or a key that does
    /// not belong to the certificate, is a ``ConfigError`` naming the key and the file.
    public static func load(certificate: String?, key: String?) throws -> TLSConfiguration? {
        switch (certificate, key) {
        case (nil, nil):
            return nil
        case (_?, nil):
            throw ConfigError(place: "server.tls_key", problem: "is not set, but server.tls_certificate is: HTTPS needs both")
        case (nil, _?):
            throw ConfigError(place: "server.tls_certificate", problem: "is not set, but server.tls_key is: HTTPS needs both")
        case (let certificate?, let key?):
            let chain = try certificates(at: certificate)
            let privateKey = try privateKey(at: key)
            let configuration = TLSConfiguration.makeServerConfiguration(
                certificateChain: chain.map { .certificate($0) },
                privateKey: .privateKey(privateKey)
            )
            do {
                _ = try NIOSSLContext(configuration: configuration)
            } catch {
                throw ConfigError(place: "server.tls_key", problem: "\(key) does not go with the certificate \(certificate) (\(error))")
            }
            return configuration
        }
    }

    static func read(_ path: String, key: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ConfigError(place: key, problem: "no such file: \(path)")
        }
        guard !isDirectory.boolValue else { throw ConfigError(place: key, problem: "\(path) is a directory, not a PEM file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(place: key, problem: "cannot read \(path) (permissions?)")
        }
        return Array(data)
    }

    /// Checks the certificates a node trusts for its peers (`sync.ca_file`), when set: a file
    /// missing, unreadable, empty or not PEM failed every sync over HTTPS instead of stopping the
    /// node at start, as a bad certificate of its own does.
    /// - Throws: ``ConfigError`` naming `sync.ca_file` and the file.
    public static func checkTrusted(_ caFile: String?) throws {
        guard let caFile else { return }
        guard !caFile.isEmpty else {
            throw ConfigError(place: "sync.ca_file", problem: "is empty: name the PEM file of the certificates trusted for peers, or leave it out")
        }
        _ = try certificates(at: caFile, key: "sync.ca_file")
    }

    static func certificates(at path: String, key: String = "server.tls_certificate") throws -> [NIOSSLCertificate] {
        let bytes = try read(path, key: key)
        let chain = try? NIOSSLCertificate.fromPEMBytes(bytes)
        guard let chain, !chain.isEmpty else {
            throw ConfigError(place: key, problem: "\(path) holds no PEM certificate (-----BEGIN CERTIFICATE-----)")
        }
        return chain
    }

    static func privateKey(at path: String) throws -> NIOSSLPrivateKey {
        let bytes = try read(path, key: "server.tls_key")
        guard let key = try? NIOSSLPrivateKey(bytes: bytes, format: .pem) else {
            throw ConfigError(place: "server.tls_key", problem: "\(path) holds no PEM private key (-----BEGIN PRIVATE KEY-----), or it is encrypted")
        }
        return key
    }
}
