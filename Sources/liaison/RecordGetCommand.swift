import ArgumentParser
import LiaisonCore
import LiaisonStore

/// `liaison record get ID`
struct RecordGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Show a record, with its version and any conflicts."
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The record id.")
    var id: String

    func validate() throws { try Self.check(id: id) }

    /// Refuses an empty record id (`record get ""`, a shell variable that was not set) by name.
    static func check(id: String) throws {
        guard !id.isEmpty else { throw ValidationError("ID is empty: give a record's id; `liaison record list` shows them") }
    }

    func run() async throws {
        let store = try data.openStore()
        guard let state = try await store.state(id: id) else {
            throw StoreError(.notFound, "no record \(id)")
        }
        printRecord(state, schema: store.schema, json: output.json)
    }
}
