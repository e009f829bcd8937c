import LiaisonCore
import PropertyBased
import Testing

/// Numbers as people read and type them: never an exponent, and back to the same value.
@Suite struct PlainDecimalTests {
    @Test(
        arguments: [
            (0, "0"), (2_500_000, "2500000"), (12.5, "12.5"), (0.0001, "0.0001"), (0.000001, "0.000001"),
            (0.00000123, "0.00000123"), (-0.000001, "-0.000001"), (1e12, "1000000000000"),
            (999_999_999_999.99, "999999999999.99"), (1e16, "10000000000000000"), (-1e20, "-100000000000000000000"),
            (123.456e-10, "0.0000000123456"), (.leastNonzeroMagnitude, "0." + String(repeating: "0", count: 323) + "5"),
        ] as [(Double, String)]
    )
    func plainNotation(number: Double, text: String) {
        #expect(PlainDecimal.format(number) == text)
        #expect(Double(text) == number)
    }

    @Test func everyFiniteDoubleReadsBackWithoutAnExponent() async {
        await propertyCheck(count: 2_000, input: Gen.uint64()) { bits in
            let number = Double(bitPattern: bits)
            guard number.isFinite else { return }
            let text = PlainDecimal.format(number)
            #expect(text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }, "\(text)")
            #expect(Double(text) == number, "\(number) → \(text)")
        }
    }

    @Test func tinyAndHugeAmountsParseAsTheyDisplay() throws {
        for amount in [0.000001, .leastNonzeroMagnitude, 0.1 + 0.2, 123_456_789_012.345, FieldKind.maxMoney] {
            let shown = FieldValue.number(amount).displayText
            #expect(try Schema.core.parse(field: "value_usd", text: shown) == .number(amount), "\(shown)")
            #expect(try Schema.core.parseCell(field: "value_usd", text: shown) == .number(amount), "\(shown)")
        }
    }
}
