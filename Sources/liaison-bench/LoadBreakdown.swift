import Foundation
import LiaisonCore
import LiaisonReports
import LiaisonStore

/// Where loading records for a report goes: reading the JSON from SQLite, decoding states,
/// and computing display values.
enum LoadBreakdown {
    static func measure(_ store: LiaisonStore) async throws -> (read: Double, decode: Double, convert: Double) {
        var pages: [[String]] = []
        let read = try await Timing.measure {
            var after: Int64 = 0
            while true {
                let page = try await store.changes(since: after, limit: 5_000)
                pages.append(page.states.map(\.json))
                guard page.more else { return }
                after = page.lastSequence
            }
        }.seconds
        var states: [RecordState] = []
        let decode = try Timing.measure {
            states = try pages.flatMap { try $0.map { try RecordState(json: Data($0.utf8)) } }
        }.seconds
        let convert = Timing.measure { states.compactMap(ReportRecord.init).count }.seconds
        return (read, decode, convert)
    }
}
