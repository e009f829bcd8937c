import ArgumentParser
import LiaisonCore
import LiaisonStore

/// `liaison record delete [--version TOKEN] ID`
struct RecordDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a record.",
        discussion: """
            A delete concurrent with an edit made elsewhere becomes a conflict on `deleted`; \
            settle it with `liaison resolve ID deleted=true` (or restore with FIELD=VALUE). \
            A record already deleted here is not deleted again, nor is one whose delete is in conflict \
            (settle that with resolve): the command fails and writes nothing.
            """
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var author: AuthorOptions
    @OptionGroup var version: VersionOptions

    @Argument(help: "The record id.")
    var id: String

    func run() async throws {
        let store = try data.openStore()
        let readContext = try version.token.map { try VersionToken(decoding: $0).context }
        let state = try await store.delete(id: id, readContext: readContext, author: author.author)
        if output.json {
            print(RecordView(state).json)
        } else {
            printForPeople("deleted \(state.id) (version \(state.version))")
        }
    }
}
