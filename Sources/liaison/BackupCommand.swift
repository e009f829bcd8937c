import ArgumentParser
import Foundation
import LiaisonCore
import LiaisonStore

/// `liaison backup --out FILE`
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a complete, consistent copy of the store to FILE, while the node serves.",
        discussion: """
            The copy is one SQLite file, taken in one read transaction: the node goes on serving \
            and syncing meanwhile. FILE must be outside the data directory; an existing FILE is \
            replaced (whole, never half-written) only when it is an earlier backup of this node. \
            Restore it with `liaison restore FILE --data DIR`.
            Example (cron, nightly): liaison backup --data /srv/liaison --out /backups/liaison-$(date +%F).sqlite
            """
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("Where to write the backup.", valueName: "FILE"))
    var out: String

    func run() async throws {
        let store = try data.openStore()
        let summary = try await store.backup(to: OutputFile.url(out, orStandardOutput: false))
        if output.json {
            print(
                "{\"file\":\(jsonString(out)),\"records\":\(summary.records),\"deleted_records\":\(summary.deletedRecords),\"sequence\":\(summary.sequence),\"replica_id\":\(jsonString(summary.backedUpReplica))}"
            )
        } else {
            printForPeople("backed up \(summary.counted) of \(summary.backedUpReplica) (up to sequence \(summary.sequence)) to \(out)")
        }
    }
}

/// `liaison restore FILE --data DIR`
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Make a new node in --data DIR from a backup, with a NEW replica id.",
        discussion: """
            The new node holds the backup's records, peers and tokens, under a new replica id (the \
            lost node's id must never write again). It then syncs with its peers as usual: it pulls \
            what they have that the backup lacks, and pushes its records to them once.
            Example: liaison restore /backups/liaison-2026-11-28.sqlite --data /srv/liaison
            """
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: ArgumentHelp("A file made by `liaison backup`.", valueName: "FILE"))
    var file: String

    func run() async throws {
        let (identity, summary) = try LiaisonStore.restore(from: URL(fileURLWithPath: file), into: data.url)
        if output.json {
            print(
                "{\"records\":\(summary.records),\"deleted_records\":\(summary.deletedRecords),\"replica_id\":\(jsonString(identity.replicaID)),\"office\":\(jsonString(identity.office)),\"backed_up_replica_id\":\(jsonString(summary.backedUpReplica))}"
            )
        } else {
            printForPeople(
                """
                restored \(summary.counted) into \(data.url.path) as new node \(identity.replicaID) \
                (office \(identity.office); the backup was of \(summary.backedUpReplica))
                next: start it with `liaison serve`; it syncs with its peers as a new node
                """
            )
        }
    }
}

extension BackupSummary {
    /// "3 records", and the deleted ones when there are any: "3 records (and 1 deleted record)".
    var counted: String {
        Wording.counted(records, "record") + (deletedRecords == 0 ? "" : " (and \(Wording.counted(deletedRecords, "deleted record")))")
    }
}

/// `text` as a JSON string.
func jsonString(_ text: String) -> String {
    var writer = JSONWriter()
    writer.string(text)
    return writer.output
}
