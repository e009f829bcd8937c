/// A value is encoded as `{"kind": "money", "value": 12500000}`; an empty one as `{"kind": "empty"}`.
extension ReportValue: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, value
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        switch kind {
        case "count": self = .count(try container.decode(Int.self, forKey: .value))
        case "money": self = .money(try container.decode(Double.self, forKey: .value))
        case "percent": self = .percent(try container.decode(Double.self, forKey: .value))
        case "number": self = .number(try container.decode(Double.self, forKey: .value))
        case "text": self = .text(try container.decode(String.self, forKey: .value))
        case "empty": self = .empty
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind,
                in: container,
                debugDescription: "unknown value kind '\(kind)'; allowed: count, money, percent, number, text, empty"
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .count(let n): try container.encode(n, forKey: .value)
        case .money(let x), .percent(let x), .number(let x): try container.encode(x, forKey: .value)
        case .text(let s): try container.encode(s, forKey: .value)
        case .empty: break
        }
    }
}
