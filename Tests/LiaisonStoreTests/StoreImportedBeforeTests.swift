import GRDB
import LiaisonCore
import Testing

@testable import LiaisonStore

@Suite("A file imported at another office")
struct StoreImportedBeforeTests {
    /// Asking the store once per row of the file made a large import at a second office wait on
    /// as many lookups as the file has rows, before saying it was imported already.
    @Test("is found with the same statements whatever the number of rows, and named with its office, person and time")
    func oneLookupWhateverTheRows() async throws {
        let mumbai = try StoreFixture(office: "mumbai")
        let chennai = try StoreFixture(office: "chennai")
        let sheet = "type,title,tracks\n" + (1...300).map { "investment,Fab \($0),semiconductors\n" }.joined()
        let hash = LiaisonStore.importHash(of: sheet)
        let plan = ImportPlan(table: try CSVReader.read(sheet), schema: mumbai.store.schema, map: [:])
        _ = try await mumbai.store.importRecords(plan, hash: hash, fileName: "fabs.csv", author: "priya")
        let ids = plan.rows.map { LiaisonStore.importedRecordID(fileHash: hash, row: $0.row) }
        let gone = try #require(try await mumbai.store.state(id: ids[7]))
        _ = try await mumbai.store.delete(id: ids[7], readContext: gone.context, author: "priya")
        try await StoreHistoryTests.sync(from: mumbai.store, to: chennai.store)

        await #expect {
            try await chennai.store.importRecords(plan, hash: hash, fileName: "fabs.csv", author: "ravi")
        } throws: { error in
            let message = "\(error)"
            return message.hasPrefix("this file was imported already at mumbai by priya, 20")
                && message.hasSuffix("(this node holds 300 of the 300 records it made, 1 of them deleted since); give --again to import it again")
        }
        // Each statement the check runs, for the first 10 rows of the file and for all 300.
        var statements: [Int] = []
        for count in [10, 300] {
            statements.append(
                try await chennai.store.database.read { db in
                    var run = 0
                    db.trace { _ in run += 1 }
                    defer { db.trace(nil) }
                    #expect(throws: StoreError.self) { try db.refuseImportedBefore(hash: hash, newIDs: Array(ids.prefix(count))) }
                    return run
                }
            )
        }
        #expect(statements[0] == statements[1], "\(statements)")
    }
}
