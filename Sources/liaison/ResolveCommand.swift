import ArgumentParser
import LiaisonCore
import LiaisonStore

/// `liaison resolve [--version TOKEN] ID FIELD=VALUE...`
struct ResolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Settle fields of a record against its whole current version, and print it.",
        discussion: """
            Every value seen so far for those fields is replaced: each node that merges the \
            resolution settles the same way. `deleted=true` settles an edit-vs-delete conflict \
            as deleted; FIELD=VALUE (or deleted=false) restores the record. Give --version with \
            the token you were shown: if the record changed since (another save or a sync), \
            nothing is saved and the command fails, rather than discarding values you never saw. \
            A field in conflict is always settled; when every field named is already settled at \
            its value, nothing is written: the record is printed as it was, after a note on stderr.
            """
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var author: AuthorOptions
    @OptionGroup var version: VersionOptions

    @Argument(help: "The record id.")
    var id: String

    @Argument(help: ArgumentHelp("The settled values.", valueName: "FIELD=VALUE"))
    var assignments: [String] = []

    func validate() throws {
        guard !assignments.isEmpty else {
            throw ValidationError(
                "give the settled value of each field in conflict as FIELD=VALUE after the id: status=mou_signed, or deleted=true; `liaison record get ID` shows them"
            )
        }
    }

    func run() async throws {
        let store = try data.openStore()
        let values = try store.schema.parseAssignments(assignments, allowingDeleted: true)
        let read = try version.token.map { try VersionToken(decoding: $0).context }
        let outcome = try await store.settle(id: id, values, version: read, author: author.author)
        if !outcome.changed { printNote("record \(outcome.state.id): nothing changed (every field was already settled at that value)") }
        printRecord(outcome.state, schema: store.schema, json: output.json)
    }
}
