import Foundation
import LiaisonCore
import Testing

/// The order of day and month in a sheet's slash dates: as stated for the import, else as the
/// file's own dates tell (one that only one order reads), else day first.
@Suite struct ImportDatesTests {
    /// A sheet with `dates` in its Opened On column, one row each.
    static func plan(_ dates: [String], stated: DateOrder? = nil) throws -> ImportPlan {
        let rows = dates.enumerated().map { "Deal \($0.offset),investment,ipef,\($0.element)\n" }.joined()
        return ImportPlan(table: try CSVReader.read("Title,Type,Tracks,Opened On\n" + rows), schema: .core, dates: stated)
    }

    @Test func aDateOnlyMonthFirstReadsMakesTheWholeFileMonthFirst() throws {
        let plan = try Self.plan(["03/04/2026", "", "12/31/2026", "2026-05-06", "1/2/2026"])
        #expect(plan.problems.isEmpty, "\(plan.problems)")
        #expect(plan.dates.order == .monthFirst && plan.dates.source == .detected)
        #expect(plan.dates.evidence.map { [String($0.row), $0.field, $0.text] } == ["4", "opened_on", "12/31/2026"])
        #expect(
            plan.rows.map { $0.values["opened_on"] } == [.text("2026-03-04"), .null, .text("2026-12-31"), .text("2026-05-06"), .text("2026-01-02")]
        )
        #expect(plan.dates.description == "slash dates are read month first (MM/DD/YYYY), as row 4's opened_on \"12/31/2026\" shows")
    }

    @Test func aDateOnlyDayFirstReadsKeepsItDayFirstAndSaysWhy() throws {
        let plan = try Self.plan(["03/04/2026", "31.12.2026"])
        #expect(plan.problems.isEmpty, "\(plan.problems)")
        #expect(plan.dates.order == .dayFirst && plan.dates.source == .detected && plan.dates.evidence?.row == 3)
        #expect(plan.rows.map { $0.values["opened_on"] } == [.text("2026-04-03"), .text("2026-12-31")])
    }

    @Test func datesThatDoNotTellAreReadDayFirstByDefault() throws {
        for dates in [["03/04/2026", "12/12/2026"], ["2026-03-04"], []] {
            let plan = try Self.plan(dates)
            #expect(plan.dates.order == .dayFirst && plan.dates.source == .default && plan.dates.evidence == nil, "\(dates)")
        }
        #expect(try Self.plan(["03/04/2026"]).rows.first?.values["opened_on"] == .text("2026-04-03"))
        #expect(
            try Self.plan([]).dates.description
                == "slash dates are read day first (DD/MM/YYYY), the default when the file's dates do not tell one order"
        )
        // Only date columns tell: a note holding 12/31/2026 does not.
        let notes = try CSVReader.read("Title,Type,Tracks,Opened On,Notes\nA,investment,ipef,03/04/2026,due 12/31/2026\n")
        #expect(ImportPlan(table: notes, schema: .core).dates.source == .default)
    }

    @Test func datesInBothOrdersAreRefusedNamingARowOfEach() throws {
        let plan = try Self.plan(["03/04/2026", "25/12/2026", "12/25/2026", "13/01/2026"])
        #expect(
            plan.problems.first
                == ImportProblem(
                    row: 1,
                    field: nil,
                    message:
                        "the file's slash dates are in both orders: day first on row 3 (opened_on \"25/12/2026\") and month first on row 4 (opened_on \"12/25/2026\"); write them all in one order, or as YYYY-MM-DD; until then they are read day first"
                )
        )
        #expect(plan.dates.source == .default)
        #expect(plan.rows.count < 4)
    }

    @Test func aStatedOrderOverridesTheFileAndRefusesADateItCannotRead() throws {
        let plan = try Self.plan(["03/04/2026", "12/31/2026"], stated: .dayFirst)
        #expect(plan.dates.order == .dayFirst && plan.dates.source == .stated && plan.dates.evidence == nil)
        #expect(plan.dates.description == "slash dates are read day first (DD/MM/YYYY), as stated")
        #expect(
            plan.problems == [
                ImportProblem(row: 3, field: "opened_on", message: "must be a date YYYY-MM-DD or DD/MM/YYYY (day first), got \"12/31/2026\"")
            ]
        )
        #expect(plan.rows.first?.values["opened_on"] == .text("2026-04-03"))
        let monthFirst = try Self.plan(["03/04/2026", "31/12/2026"], stated: .monthFirst)
        #expect(
            monthFirst.problems == [
                ImportProblem(row: 3, field: "opened_on", message: "must be a date YYYY-MM-DD or MM/DD/YYYY (month first), got \"31/12/2026\"")
            ]
        )
        #expect(monthFirst.rows.first?.values["opened_on"] == .text("2026-03-04"))
    }

    /// Excel and many tools write a date they hold as a moment with a time of midnight: that is
    /// the day, in either form of date, and a slash date with it still tells the order.
    @Test func aDateWithATimeOfMidnightIsThatDay() throws {
        let cells = ["2026-03-01 00:00:00", "2026-03-01T00:00:00", "2026-03-01 00:00", "2026-03-01T00:00:00.000", "3/13/2026 0:00"]
        let plan = try Self.plan(cells)
        #expect(plan.problems.isEmpty, "\(plan.problems)")
        #expect(plan.rows.map { $0.values["opened_on"] } == Array(repeating: .text("2026-03-01"), count: 4) + [.text("2026-03-13")])
        #expect(plan.dates.order == .monthFirst && plan.dates.evidence?.text == "3/13/2026 0:00")
    }

    /// A time of day, or a spreadsheet's date number, is no day: refused, saying what it is.
    @Test func aTimeOfDayOrADateNumberIsRefusedSayingWhy() throws {
        let plan = try Self.plan(["2026-03-01 14:30:00", "2026-03-01 00:00:01", "46022", "19999", "2026-02-30 00:00"])
        let date = "must be a date YYYY-MM-DD or DD/MM/YYYY (day first), got"
        let number = "which looks like a spreadsheet's date number: format the column as a date (YYYY-MM-DD) and export again"
        let time = "a time of day: the field holds a day (a time of exactly midnight, 00:00, is read as that day)"
        #expect(
            plan.problems.map(\.message) == [
                "\(date) \"2026-03-01 14:30:00\", \(time)", "\(date) \"2026-03-01 00:00:01\", \(time)", "\(date) \"46022\", \(number)",
                "\(date) \"19999\"", "\(date) \"2026-02-30 00:00\"",
            ]
        )
        #expect(plan.problems.map(\.row) == [2, 3, 4, 5, 6])
    }

    @Test func onlyADayOrMonthPastTwelveTellsTheOrder() {
        #expect(SlashDate("13/1/2026")?.order == .dayFirst)
        #expect(SlashDate("1-31-2026")?.order == .monthFirst)
        for untold in ["12/12/2026", "13/13/2026", "32/01/2026", "0/13/2026"] {
            #expect(SlashDate(untold) != nil && SlashDate(untold)?.order == nil, "\(untold)")
        }
        for notASlashDate in ["2026-01-13", "13/1/26", "a/b/2026", "13/1"] {
            #expect(SlashDate(notASlashDate) == nil, "\(notASlashDate)")
        }
    }
}
