import LiaisonCore

// The helper that writes loose JSON for StateParserTests (no tests of its own).

/// Writes a state as valid but non-canonical JSON, for the parser tests: keys and writes in
/// random order, random white space between tokens, strings with random escapes (`\uXXXX`,
/// surrogate pairs, `\/`), integral numbers sometimes as `25e5` or `2500000.0`, and unknown
/// keys with nested values at the top level and in writes.
struct LooseJSON {
    var rng: SplitMix64

    mutating func state(_ state: RecordState) -> String {
        var byDot: [Dot: [(String, FieldValue)]] = [:]
        for (name, entries) in state.fields {
            for (dot, value) in entries { byDot[dot, default: []].append((name, value)) }
        }
        let writes = byDot.keys.shuffled(using: &rng).map { dot in
            let meta = state.writes[dot]!
            var members = [
                ("at", space() + integer(meta.at)),
                ("author", string(meta.author)),
                ("fields", object(byDot[dot]!.map { ($0.0, value($0.1)) })),
                ("n", space() + String(dot.counter)),
                ("replica", string(dot.replica)),
            ]
            if chance() { members.append(("x-future", junk())) }
            return object(members)
        }
        var members = [
            ("context", object(state.context.sorted.map { ($0.replica, space() + String($0.counter)) })),
            ("id", string(state.id)),
            ("writes", array(writes)),
        ]
        if chance() { members.append(("x-extra", junk())) }
        return space() + object(members) + space()
    }

    mutating func space() -> String {
        ["", "", " ", "\n", "\t", "\r\n  ", "  "][Int(rng.next() % 7)]
    }

    mutating func chance() -> Bool { rng.next() % 2 == 0 }

    mutating func object(_ members: [(String, String)]) -> String {
        let shuffled = members.shuffled(using: &rng)
        let parts = shuffled.map { key, value in space() + string(key) + space() + ":" + value + space() }
        return "{" + parts.joined(separator: ",") + space() + "}"
    }

    mutating func array(_ elements: [String]) -> String {
        "[" + elements.map { space() + $0 + space() }.joined(separator: ",") + space() + "]"
    }

    mutating func string(_ text: String) -> String {
        var out = space() + "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += chance() ? "\\\"" : "\\u0022"
            case "\\": out += chance() ? "\\\\" : "\\u005C"
            case "/": out += chance() ? "\\/" : "/"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{8}": out += "\\b"
            case "\u{C}": out += "\\f"
            default:
                if scalar.value < 0x20 || rng.next() % 4 == 0 {
                    out += escaped(scalar)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// `\uXXXX`, or a surrogate pair, with random hex case.
    mutating func escaped(_ scalar: Unicode.Scalar) -> String {
        let units = Array(String(scalar).utf16)
        return units.map { unit in
            let hex = String(unit, radix: 16)
            let padded = String(repeating: "0", count: 4 - hex.count) + hex
            return "\\u" + (chance() ? padded.uppercased() : padded)
        }.joined()
    }

    mutating func integer(_ value: Int64) -> String {
        String(value)
    }

    mutating func value(_ value: FieldValue) -> String {
        switch value {
        case .text(let text): return string(text)
        case .bool(let flag): return space() + (flag ? "true" : "false")
        case .null: return space() + "null"
        case .list(let items): return space() + array(items.map { string($0) })
        case .number(let number):
            var writer = JSONWriter()
            writer.number(number)
            let canonical = writer.output
            guard number == number.rounded(), abs(number) < 1e15, chance() else { return space() + canonical }
            return space() + (chance() ? canonical + ".0" : canonical + "e0")
        }
    }

    /// An unknown value: nested objects and arrays of every kind of token.
    mutating func junk(depth: Int = 0) -> String {
        switch rng.next() % (depth < 3 ? 8 : 5) {
        case 0: return space() + "null"
        case 1: return space() + "-12.5e-3"
        case 2: return string("future \u{1F600}")
        case 3: return space() + "true"
        case 4: return space() + "0"
        case 5: return space() + array((0..<Int(rng.next() % 3)).map { _ in junk(depth: depth + 1) })
        default: return object((0..<Int(rng.next() % 3)).map { ("k\($0)", junk(depth: depth + 1)) })
        }
    }
}
