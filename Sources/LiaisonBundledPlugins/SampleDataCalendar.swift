import LiaisonCore
import LiaisonReports

/// Civil-date arithmetic for sample data, in whole days since 1970-01-01 (UTC), with no
/// time zone or locale involved: ``ReportDays`` one way, ``Timestamp`` the other.
enum SampleCalendar {
    static let millisPerDay: Int64 = 86_400_000

    /// Days since 1970-01-01 of `YYYY-MM-DD`, or `nil` if it is not a real date of that form.
    static func days(_ text: String) -> Int? {
        guard text.utf8.count == 10, let days = ReportDays.number(text), date(days) == text else { return nil }
        return days
    }

    /// `YYYY-MM-DD` of a day number.
    static func date(_ days: Int) -> String {
        String(Timestamp.iso(Int64(days) * millisPerDay).prefix(10))
    }
}
