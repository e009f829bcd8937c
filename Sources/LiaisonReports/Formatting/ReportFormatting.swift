import Foundation

/// Numbers for people, the same on every machine (no dependence on the locale).
///
/// ```swift
/// ReportFormatting.money(12_500_000)  // "$12.5M"
/// ReportFormatting.count(1_234_567)   // "1,234,567"
/// ReportFormatting.percent(0.425)     // "42.5%"
/// ```
public enum ReportFormatting {
    /// US dollars, abbreviated to one decimal: `$950`, `$850K`, `$12.5M`, `$1.2B`, `-$3K`.
    public static func money(_ usd: Double) -> String {
        guard usd.isFinite else { return notANumber }
        let sign = usd < 0 && usd.magnitude.rounded() != 0 ? "-" : ""
        let magnitude = usd.magnitude
        if magnitude.rounded() < 1_000 {
            return "\(sign)$\(decimal(magnitude, fractionDigits: 0))"
        }
        for (scale, suffix) in [(1e3, "K"), (1e6, "M")] where (magnitude / scale * 10).rounded() < 10_000 {
            return "\(sign)$\(decimal(magnitude / scale, fractionDigits: 1))\(suffix)"
        }
        return "\(sign)$\(decimal(magnitude / 1e9, fractionDigits: 1))B"
    }

    /// A whole number with thousands separators: `12,345`.
    public static func count(_ n: Int) -> String {
        (n < 0 ? "-" : "") + grouped(String(n.magnitude))
    }

    /// A fraction as a percentage with at most one decimal: `0.42` gives `42%`, `0.425` gives `42.5%`.
    public static func percent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return notANumber }
        return decimal(fraction * 100, fractionDigits: 1) + "%"
    }

    /// A number with thousands separators and at most two decimals: `1,234.5`.
    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return notANumber }
        return decimal(x, fractionDigits: 2)
    }

    /// A number for machines: no separators or units, integers without a decimal point
    /// (`12500000`, `0.425`); `NaN` and `inf` as Swift writes them.
    public static func raw(_ x: Double) -> String {
        if x.isFinite, x.rounded() == x, x.magnitude < 1e15 {
            return String(Int64(x))
        }
        return String(x)
    }

    /// A finite number with exactly `fractionDigits` decimals and no separators, for machines
    /// that read what people see: `fixed(70.034, fractionDigits: 1)` is `70.0`.
    public static func fixed(_ x: Double, fractionDigits: Int) -> String {
        let digits = decimal(x, fractionDigits: fractionDigits).replacingOccurrences(of: ",", with: "")
        let fraction = digits.split(separator: ".", maxSplits: 1).dropFirst().first?.count ?? 0
        guard fractionDigits > 0 else { return digits }
        return digits + (fraction == 0 ? "." : "") + String(repeating: "0", count: fractionDigits - fraction)
    }

    /// What is shown for a value that is not a finite number.
    static let notANumber = "n/a"

    /// A finite number rounded to at most `fractionDigits` decimals (trailing zeros dropped),
    /// with thousands separators.
    static func decimal(_ x: Double, fractionDigits: Int) -> String {
        var scale: Int64 = 1
        for _ in 0..<fractionDigits { scale *= 10 }
        let scaled = (x.magnitude * Double(scale)).rounded()
        guard scaled < 9e18 else { return String(x) }
        let units = Int64(scaled)
        let sign = x < 0 && units != 0 ? "-" : ""
        let whole = grouped(String(units / scale))
        let remainder = String(units % scale)
        let padding = String(repeating: "0", count: max(0, fractionDigits - remainder.count))
        var fraction = fractionDigits == 0 ? "" : padding + remainder
        while fraction.last == "0" { fraction.removeLast() }
        return sign + whole + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// Digits with a comma every three from the right: `1234567` gives `1,234,567`.
    static func grouped(_ digits: String) -> String {
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }
}
