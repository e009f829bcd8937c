/// A number as a person types it: plain decimal notation, never an exponent (`0.000001`, not
/// `1e-06`; `10000000000000000`, not `1e+16`), with the fewest digits that read back to the
/// same `Double`. Data entry, `liaison import` and the web form accept every such text.
///
/// ```swift
/// PlainDecimal.format(2_500_000)   // "2500000"
/// PlainDecimal.format(12.5)        // "12.5"
/// PlainDecimal.format(0.000001)    // "0.000001"
/// Double(PlainDecimal.format(x)) == x   // for every finite x
/// ```
public enum PlainDecimal {
    /// `number` in plain decimal notation: integral values within ±2^53 without a fraction,
    /// others with the digits of Swift's shortest round-tripping form, the exponent written out
    /// as zeros. A value that is not finite gives Swift's text for it (`inf`, `nan`).
    public static func format(_ number: Double) -> String {
        if CanonicalNumber.isIntegral(number) { return String(Int64(number)) }
        let shortest = String(number)
        guard number.isFinite, let e = shortest.firstIndex(of: "e"), let exponent = Int(shortest[shortest.index(after: e)...])
        else { return shortest }
        let negative = shortest.hasPrefix("-")
        let mantissa = shortest[shortest.index(shortest.startIndex, offsetBy: negative ? 1 : 0)..<e]
        let digits = Array(mantissa.filter { $0 != "." })
        // Where the decimal point falls in `digits` once the exponent is applied.
        let point = (mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count) + exponent
        let whole: String
        var fraction: String
        if point <= 0 {
            whole = "0"
            fraction = String(repeating: "0", count: -point) + String(digits)
        } else if point >= digits.count {
            whole = String(digits) + String(repeating: "0", count: point - digits.count)
            fraction = ""
        } else {
            whole = String(digits[..<point])
            fraction = String(digits[point...])
        }
        while fraction.last == "0" { fraction.removeLast() }
        return (negative ? "-" : "") + whole + (fraction.isEmpty ? "" : "." + fraction)
    }
}
