import ArgumentParser
import LiaisonCore
import LiaisonStore

/// `liaison resolve ID FIELD=VALUE...`
struct ResolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Settle fields of a record against its whole current version, and print it.",
        discussion: """
            Every value seen so far for those fields is replaced: each node that merges the \
            resolution settles the same way. `deleted=true` settles an edit-vs-delete conflict \
            as deleted; FIELD=VALUE (or deleted=false) restores the record.
            """
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var author: AuthorOptions

    @Argument(help: "The record id.")
    var id: String

    @Argument(help: ArgumentHelp("The settled values.", valueName: "FIELD=VALUE"))
    var assignments: [String] = []

    func run() async throws {
        let store = try data.openStore()
        let values = try store.schema.parseAssignments(assignments, allowingDeleted: true)
        let state = try await store.resolve(id: id, values, author: author.author)
        printRecord(state, schema: store.schema, json: output.json)
    }
}
