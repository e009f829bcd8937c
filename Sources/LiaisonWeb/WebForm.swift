import Foundation
import Hummingbird
import LiaisonHTTP

/// A submitted `application/x-www-form-urlencoded` form (or a query string): every name with
/// all its values in order, so checkbox groups keep each value.
struct WebForm: Sendable {
    private(set) var pairs: [(name: String, value: String)] = []

    init(pairs: [(name: String, value: String)]) {
        self.pairs = pairs
    }

    /// Parses `a=1&b=x+y&b=%C3%A9` (``FormEncoding``).
    init(encoded: String) {
        pairs = FormEncoding.pairs(encoded[...])
    }

    /// The request's body as a form (bodies up to the API's limit).
    /// - Throws: ``APIError`` 400 when a name or value is not UTF-8 text (a browser sends UTF-8;
    ///   read as it stands, each other byte would be stored as U+FFFD), or holds a NUL.
    static func body(of request: Request) async throws -> WebForm {
        let bytes = try await request.collectBody()
        guard let text = String(validating: bytes, as: UTF8.self), FormEncoding.isUTF8(text[...]) else {
            throw APIError.badRequest("the form holds bytes that are not UTF-8 text, so nothing was saved: send it from the page in a browser")
        }
        let form = WebForm(encoded: text)
        // SQLite reads a bound text up to its first NUL: a user name `frank%00x` was frank.
        guard !form.pairs.contains(where: { $0.name.utf8.contains(0) || $0.value.utf8.contains(0) }) else {
            throw APIError.badRequest("the form holds a NUL character (%00), which no field may hold, so nothing was saved")
        }
        return form
    }

    /// The request's query as a form.
    static func query(of request: Request) -> WebForm {
        WebForm(encoded: request.uri.query ?? "")
    }

    /// Every value of `name`.
    func all(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.map(\.value)
    }

    /// The first value of `name`, or `nil`.
    subscript(_ name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// The first value of `name` with spaces trimmed; `nil` when absent or blank.
    func text(_ name: String) -> String? {
        guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// Percent-encodes a query value (everything but unreserved characters).
    static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if (byte < 128) && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-._~".unicodeScalars.contains(scalar)) {
                out.unicodeScalars.append(scalar)
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    /// `a=1&b=2` from pairs, leaving out empty values.
    static func query(_ pairs: [(String, String?)]) -> String {
        pairs.compactMap { name, value in
            guard let value, !value.isEmpty else { return nil }
            return "\(name)=\(encode(value))"
        }.joined(separator: "&")
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
