import Foundation

/// An opaque, URL-safe token that names a record's version: its whole causal context.
///
/// Writers send back the token they were shown as the read context of their write.
/// A token with dots this node has not received yet is valid (it was read at another node).
public struct VersionToken: Hashable, Sendable, CustomStringConvertible {
    /// The causal context the token names.
    public let context: VersionVector

    /// The token of a context.
    public init(context: VersionVector) {
        self.context = context
    }

    /// The longest token text accepted: ``IntakeLimits/maxReplicas`` entries of the longest
    /// replica id and counter, in base64.
    public static let maxLength = (IntakeLimits.maxReplicas * 82 + 2) * 4 / 3 + 4

    /// Decodes a token; throws ``VersionTokenError`` naming the problem when it does not decode
    /// or breaks the intake limits (at most ``IntakeLimits/maxReplicas`` replicas, counters from 1
    /// to ``IntakeLimits/maxCounter``).
    public init(decoding token: String) throws(VersionTokenError) {
        guard token.utf8.count <= Self.maxLength else {
            throw VersionTokenError(token: token, problem: "longer than \(Self.maxLength) characters")
        }
        guard token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }),
            let data = Base64URL.decode(token), let text = String(data: data, encoding: .utf8),
            text.hasPrefix("1|")
        else { throw VersionTokenError(token: token, problem: "not a Liaison version token") }
        var counters: [String: UInt64] = [:]
        for part in text.dropFirst(2).split(separator: ",", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: ":")
            guard counters.count < IntakeLimits.maxReplicas else {
                throw VersionTokenError(token: token, problem: "names more than \(IntakeLimits.maxReplicas) replicas")
            }
            guard pieces.count == 2, let counter = UInt64(pieces[1]), (1...IntakeLimits.maxCounter).contains(counter),
                ReplicaID.isValid(String(pieces[0])), counters[String(pieces[0])] == nil
            else { throw VersionTokenError(token: token, problem: "malformed entry \"\(part)\"") }
            counters[String(pieces[0])] = counter
        }
        context = VersionVector(counters)
    }

    /// The token text: base64url (no padding) of `1|replica:n,...` in replica order.
    public var description: String {
        let text = "1|" + context.sorted.map { "\($0.replica):\($0.counter)" }.joined(separator: ",")
        return Base64URL.encode(Data(text.utf8))
    }
}

/// A version token that does not decode.
public struct VersionTokenError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The token as given.
    public let token: String
    /// What is wrong with it.
    public let problem: String

    public var description: String { "invalid version token \"\(token.prefix(80))\": \(problem)" }
}
