import Foundation
import GRDB

/// The store's schema, changed only through named migrations.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        // In the order they were made: each file appends to the one before.
        registerRecords(in: &migrator)
        registerScale(in: &migrator)
        registerReports(in: &migrator)
        registerMergeCost(in: &migrator)
        registerWriteCost(in: &migrator)
        registerListTotals(in: &migrator)
        registerOverviewCounts(in: &migrator)
        registerNewRecordSearch(in: &migrator)
        registerSignInUnlock(in: &migrator)
        registerDeleteConflicts(in: &migrator)
        registerQuarantineRooms(in: &migrator)
        registerQuarantineNotKept(in: &migrator)
        registerSearchFilters(in: &migrator)
        registerQuarantineOrder(in: &migrator)
        registerSearchPrefixes(in: &migrator)
        registerConflictSearch(in: &migrator)
        registerSearchFolding(in: &migrator)
        registerTitleSort(in: &migrator)
        registerSearchFlush(in: &migrator)
        registerEventsResume(in: &migrator)
        return migrator
    }

    /// Refuses a store that a newer release has migrated: it holds tables, columns or rules this
    /// release does not know and would not keep (a backup restored on an older node, an office
    /// that went back a release). `file` names the store in the error.
    /// - Throws: ``StoreError`` `.invalid` naming the migrations this release lacks.
    static func refuseNewer(_ db: Database, file: URL) throws {
        let known = migrator
        let newer = try known.appliedIdentifiers(db).subtracting(known.migrations)
        guard newer.isEmpty else {
            throw StoreError(
                .invalid,
                "\(file.path) was upgraded by a newer release of Liaison (it has \(newer.sorted().map { "\"\($0)\"" }.joined(separator: ", ")), which this release does not know): run that release or a later one"
            )
        }
    }
}
