import ArgumentParser
import LiaisonCore
import LiaisonStore

/// `liaison record set [--version TOKEN] ID FIELD=VALUE...`
struct RecordSetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Edit fields of a record and print it.",
        discussion: """
            Give --version with the token you were shown: writes you did not see are kept as a \
            conflict. Without it, the write is made against the current version. An empty value \
            (notes=) clears an optional field. A field that already has its value (one you were \
            shown) is left as it is; when every field has, nothing is written: the record is \
            printed as it was, after a note on stderr.
            """
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var author: AuthorOptions
    @OptionGroup var version: VersionOptions

    @Argument(help: "The record id.")
    var id: String

    @Argument(help: ArgumentHelp("Field values.", valueName: "FIELD=VALUE"))
    var assignments: [String] = []

    func validate() throws {
        guard !assignments.isEmpty else {
            throw ValidationError("give the fields to change as FIELD=VALUE after the id: status=contacted (notes= clears a field)")
        }
    }

    func run() async throws {
        let store = try data.openStore()
        let readContext = try version.token.map { try VersionToken(decoding: $0).context }
        let values = try store.schema.parseAssignments(assignments)
        let outcome = try await store.edit(id: id, values, readContext: readContext, author: author.author)
        if !outcome.changed { printNote("record \(outcome.state.id): nothing changed (every field already had that value)") }
        printRecord(outcome.state, schema: store.schema, json: output.json)
    }
}
