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
        return migrator
    }
}
