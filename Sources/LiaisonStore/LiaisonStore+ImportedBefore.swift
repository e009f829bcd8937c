import Crypto
import GRDB
import LiaisonCore

/// How an import knows a file given before, at this node or at another office
/// (docs/design.md §12, "The same file at two offices").
extension LiaisonStore {
    /// The id of the record that row `row` (as a spreadsheet numbers it) of the file whose
    /// ``importHash(of:)`` is `fileHash` creates (``RecordID/imported(file:row:)``), so that the
    /// same row of the same file imported at two offices, even at the same time, is one record,
    /// and any node holding it knows the file was imported.
    static func importedRecordID(fileHash: String, row: Int) -> String {
        RecordID.imported(file: Array(SHA256.hash(data: Array("liaison import \(fileHash)".utf8))), row: row)
    }
}

extension Database {
    /// Throws ``StoreError`` `.refused`, naming where, by whom and when, if the file whose hash is
    /// `hash` was imported before: at this node (its `imported_file` row), or at any office whose
    /// records of it this node holds (one of `newIDs`, the ids the file's new records would take).
    func refuseImportedBefore(hash: String, newIDs: [String]) throws {
        if let row = try Row.fetchOne(
            self,
            sql: "SELECT file_name, author, imported_at FROM imported_file WHERE hash = ?",
            arguments: [hash]
        ) {
            let name: String = row[0]
            let who: String = row[1]
            let at: Int64 = row[2]
            throw StoreError(
                .refused,
                "this file was imported already (as \(name), by \(who), \(Timestamp.iso(at))); give --again to import it again"
            )
        }
        // One statement however many rows the file has: the first of `newIDs` this node holds,
        // how many it holds and how many of those are deleted.
        var ids = JSONWriter()
        ids.array(newIDs) { writer, id in writer.string(id) }
        guard
            let row = try Row.fetchOne(
                self,
                sql: """
                    SELECT record.id, count(*) OVER (), sum(record.deleted) OVER ()
                    FROM json_each(?) AS new JOIN record ON record.id = new.value
                    ORDER BY new.key LIMIT 1
                    """,
                arguments: [ids.output]
            )
        else { return }
        let first: String = row[0]
        let held: Int = row[1]
        let deleted: Int = row[2]
        // The writes that created the record: an import's, made against nothing. Two when two
        // offices imported the file before either saw the other's.
        let creations = try events(recordID: first, after: 0).filter { $0.readContext == .empty && !$0.reconstructed }
            .sorted { ($0.meta.at, $0.dot.replica) < ($1.meta.at, $1.dot.replica) }
            .map { "at \(ReplicaID.office(of: $0.dot.replica)) by \($0.meta.author), \(Timestamp.iso($0.meta.at))" }
        let whereAndWhen = creations.isEmpty ? "at another office" : creations.joined(separator: " and ")
        throw StoreError(
            .refused,
            "this file was imported already \(whereAndWhen) (this node holds \(held) of the \(Wording.counted(newIDs.count, "record")) it made"
                + (deleted > 0 ? ", \(deleted) of them deleted since" : "") + "); give --again to import it again"
        )
    }
}
