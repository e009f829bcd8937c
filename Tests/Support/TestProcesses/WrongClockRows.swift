/// A record as a release before 2026.12.04.3 stored it when the node's clock was wrong: that
/// release saved a local write whatever its clock said, so a store may hold writes timed in
/// 1970 or 2200. No release since can make one (every local write is refused under a wrong
/// clock), so tests make the rows with SQL, on the store's file.
public enum WrongClockRows {
    /// 1970-01-01T00:05:00Z: a clock that lost its battery and started again from zero.
    public static let in1970: Int64 = 300_000
    /// 2200-01-01T00:00:00Z: a clock set a century ahead.
    public static let in2200: Int64 = 7_258_118_400_000

    /// SQL that gives every write of record `id` the time `at` (milliseconds since 1970) in its
    /// state, its `updated_at` and its events: for a record made by one write and not written
    /// since, the rows a release before 2026.12.04.3 saved for it under a clock saying `at`.
    public static func sql(record id: String, at: Int64) -> String {
        """
        UPDATE record SET state = replace(state, '"at":' || updated_at || ',', '"at":\(at),'), updated_at = \(at)
        WHERE id = '\(id)';
        UPDATE event SET event = replace(event, '"at":' || json_extract(event, '$.at') || ',', '"at":\(at),')
        WHERE record_id = '\(id)';
        """
    }

    /// SQL that gives the latest write of record `id` (the one its `updated_at` holds) the time
    /// `at` in its state, its `updated_at` and its event, and leaves its earlier writes as they
    /// are: the rows of a record one of whose writes (the last, a conflict's side, say) was saved
    /// under a wrong clock.
    public static func sqlForLatestWrite(record id: String, at: Int64) -> String {
        """
        UPDATE event SET event = replace(event, '"at":' || json_extract(event, '$.at') || ',', '"at":\(at),')
        WHERE record_id = '\(id)' AND json_extract(event, '$.at') = (SELECT updated_at FROM record WHERE id = '\(id)');
        UPDATE record SET state = replace(state, '"at":' || updated_at || ',', '"at":\(at),'), updated_at = \(at)
        WHERE id = '\(id)';
        """
    }
}
