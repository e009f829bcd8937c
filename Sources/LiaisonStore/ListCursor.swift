import Foundation
import GRDB
import LiaisonCore

/// A place in a sorted record list: the sort key and id of the row it stands beside, and which
/// way the list moves from it. Given out as an opaque token (`next` / `previous`) and taken
/// back as `cursor`.
struct ListCursor: Hashable, Sendable {
    /// The order the cursor belongs to.
    let sort: RecordQuery.Sort
    /// Whether the page lies before the row (towards the start) rather than after it.
    let backward: Bool
    /// The row's sort key (nil when the row has none).
    let key: DatabaseValue
    /// The row's record id.
    let id: String

    /// The opaque token: base64url of `v1|sort|f or b|id|key`, each part percent-encoded.
    var token: String {
        let key: String =
            switch self.key.storage {
            case .int64(let value): "i" + String(value)
            case .double(let value): "d" + String(value.bitPattern, radix: 16)
            case .string(let value): "s" + Self.escape(value)
            case .null, .blob: "n"
            }
        let text = ["v1", sort.rawValue, backward ? "b" : "f", Self.escape(id), key].joined(separator: "|")
        return Base64URL.encode(Data(text.utf8))
    }

    init(sort: RecordQuery.Sort, backward: Bool, key: DatabaseValue, id: String) {
        self.sort = sort
        self.backward = backward
        self.key = key
        self.id = id
    }

    /// Reads a token this node gave for a list in `sort` order.
    /// - Throws: ``StoreError`` `.invalid` when the token is malformed or belongs to another order.
    init(token: String, sort: RecordQuery.Sort) throws {
        let refusal = StoreError(.invalid, "cursor \"\(token.prefix(40))\" is not one this node gave out")
        guard token.count <= 4_096, let data = Base64URL.decode(token),
            let text = String(data: data, encoding: .utf8)
        else { throw refusal }
        let parts = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5, parts[0] == "v1", let order = RecordQuery.Sort(rawValue: parts[1]),
            parts[2] == "f" || parts[2] == "b", let id = parts[3].removingPercentEncoding, !id.isEmpty,
            let kind = parts[4].first
        else { throw refusal }
        guard order == sort else {
            throw StoreError(.invalid, "cursor belongs to the list sorted by \(order.rawValue), not by \(sort.rawValue)")
        }
        let value = String(parts[4].dropFirst())
        let key: DatabaseValue
        switch kind {
        case "n" where value.isEmpty: key = .null
        case "i":
            guard let number = Int64(value) else { throw refusal }
            key = number.databaseValue
        case "d":
            guard let bits = UInt64(value, radix: 16) else { throw refusal }
            key = Double(bitPattern: bits).databaseValue
        case "s":
            guard let text = value.removingPercentEncoding else { throw refusal }
            // A title cursor given before titles sorted by their plain letters holds the title as
            // written; folded (which leaves a folded key as it is), it stands where its row now does.
            key = (order == .title ? TitleSort.key(text) ?? text : text).databaseValue
        default: throw refusal
        }
        self.init(sort: order, backward: parts[2] == "b", key: key, id: id)
    }

    private static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.")))!
    }
}
