import ArgumentParser
import LiaisonCore
import LiaisonStore

/// `liaison record add FIELD=VALUE...`
struct RecordAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a record and print it.",
        discussion: """
            Required: type, title, tracks (office defaults to this node's office, status to identified).
            Example: liaison record add type=investment title="Lithium JV" tracks=critical_minerals value_usd=2500000
            """
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var author: AuthorOptions

    @Argument(help: ArgumentHelp("Field values.", valueName: "FIELD=VALUE"))
    var assignments: [String] = []

    func validate() throws {
        guard !assignments.isEmpty else {
            throw ValidationError(
                "give the record's fields as FIELD=VALUE, at least type, title and tracks: type=investment title=\"Lithium JV\" tracks=critical_minerals"
            )
        }
    }

    func run() async throws {
        let store = try data.openStore()
        let values = try store.schema.parseAssignments(assignments)
        let state = try await store.create(values, author: author.author)
        printRecord(state, schema: store.schema, json: output.json)
    }
}
