import Crypto

/// What the store keeps of a secret, and how secrets are compared: SHA-256 and its
/// constant-time digest comparison, from swift-crypto.
///
/// ```swift
/// TokenDigest("abc").hex  // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// TokenDigest(presented).matches(hex: storedHash)
/// ```
public struct TokenDigest: Sendable {
    private let digest: SHA256.Digest

    /// The SHA-256 digest of `secret`'s UTF-8 bytes.
    public init(_ secret: String) {
        digest = SHA256.hash(data: Array(secret.utf8))
    }

    /// The digest as 64 lowercase hex digits: what the store keeps of an API token (the same
    /// digits as before swift-crypto, so tokens stored then keep working).
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(2 * SHA256.byteCount)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether this is the digest written as `hex`, compared in constant time; `false` when
    /// `hex` is not 64 hex digits.
    public func matches(hex: String) -> Bool {
        guard let stored = Self.bytes(hex: hex) else { return false }
        return digest == stored
    }

    /// Whether two secrets (a form's CSRF token and the session's) are equal, in time that
    /// does not tell where they differ: their digests are compared in constant time.
    public static func equal(_ a: String, _ b: String) -> Bool {
        TokenDigest(a).digest == TokenDigest(b).digest
    }

    /// The bytes of 64 hex digits, or `nil` when `hex` is not a SHA-256 digest.
    private static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count == 2 * SHA256.byteCount else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(SHA256.byteCount)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
