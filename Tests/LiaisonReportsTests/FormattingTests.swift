import LiaisonReports
import Testing

@Suite("Formatting for people")
struct FormattingTests {
    @Test(
        "money is abbreviated to one decimal",
        arguments: [
            (12_500_000.0, "$12.5M"), (850_000, "$850K"), (1_200_000_000, "$1.2B"), (950, "$950"),
            (0, "$0"), (-0.2, "$0"), (999.6, "$1K"), (999_960, "$1M"), (12_000_000, "$12M"),
            (-3_000, "-$3K"), (1_234_567_890_123, "$1,234.6B"), (.nan, "n/a"),
        ]
    )
    func money(value: Double, expected: String) {
        #expect(ReportFormatting.money(value) == expected)
    }

    @Test(
        "counts have thousands separators",
        arguments: [
            (0, "0"), (999, "999"), (1_000, "1,000"), (12_345, "12,345"), (1_234_567, "1,234,567"),
            (-1_234, "-1,234"), (Int.min, "-9,223,372,036,854,775,808"),
        ]
    )
    func count(value: Int, expected: String) {
        #expect(ReportFormatting.count(value) == expected)
    }

    @Test(
        "percentages show at most one decimal",
        arguments: [
            (0.42, "42%"), (0.425, "42.5%"), (0.0, "0%"), (1.0, "100%"), (0.12345, "12.3%"), (-0.05, "-5%"),
        ]
    )
    func percent(value: Double, expected: String) {
        #expect(ReportFormatting.percent(value) == expected)
    }

    @Test(
        "numbers for machines carry no separators or units",
        arguments: [
            (12_500_000.0, "12500000"), (0.425, "0.425"), (-7, "-7"), (0, "0"),
        ]
    )
    func raw(value: Double, expected: String) {
        #expect(ReportFormatting.raw(value) == expected)
    }

    @Test func valuesFormatByKind() {
        #expect(ReportValue.money(850_000).formatted == "$850K")
        #expect(ReportValue.count(1_234).formatted == "1,234")
        #expect(ReportValue.number(1_234.5).formatted == "1,234.5")
        #expect(ReportValue.empty.formatted == "")
        #expect(ReportValue.money(12_500_000).raw == "12500000")
    }
}
