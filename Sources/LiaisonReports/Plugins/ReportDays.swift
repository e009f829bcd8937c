/// Calendar arithmetic on ISO days (`YYYY-MM-DD`) for reports: ages in days, with no
/// dependence on the locale or the time zone (every day is a UTC civil day).
///
/// ```swift
/// ReportDays.between("2025-01-01", and: "2025-03-01")  // 59
/// ```
public enum ReportDays {
    /// The days since 1970-01-01 of an ISO day, or `nil` when it is not `YYYY-MM-DD`.
    public static func number(_ day: String) -> Int? {
        let parts = day.prefix(10).split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        // Howard Hinnant's days_from_civil.
        let year = m <= 2 ? y - 1 : y
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Days from `start` to `end` (negative when `end` is earlier), or `nil` if either is not a day.
    public static func between(_ start: String, and end: String) -> Int? {
        guard let a = number(start), let b = number(end) else { return nil }
        return b - a
    }

    /// Days from a moment (ms since 1970) to the day `today`, or `nil` if `today` is not a day.
    public static func since(millis: Int64, today: String) -> Int? {
        guard let end = number(today) else { return nil }
        return end - dayNumber(millis: millis)
    }

    /// The days since 1970-01-01 of the UTC day a moment (ms since 1970) falls in.
    public static func dayNumber(millis: Int64) -> Int {
        Int((Double(millis) / 86_400_000).rounded(.down))
    }

    /// Days from a record's date (`opened_on`, else the day of its last write) to `today`:
    /// negative when it is dated after today.
    public static func age(of record: ReportRecord, today: String) -> Int {
        between(record.date, and: today) ?? 0
    }

    /// Age buckets for open items, youngest first, with their labels. The first holds items
    /// dated after today (a negative age): not open yet, so neither young nor old.
    public static let ageBuckets: [(label: String, upTo: Int)] = [
        ("Not yet open", -1), ("0–90 days", 90), ("91–180 days", 180), ("181–365 days", 365), ("Over a year", .max),
    ]

    /// The index in ``ageBuckets`` of an age in days (negative: dated after today).
    public static func bucket(ofAge days: Int) -> Int {
        ageBuckets.firstIndex { days <= $0.upTo } ?? ageBuckets.count - 1
    }
}
