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

    func run() async throws {
        let store = try data.openStore()
        guard let state = try await store.state(id: id) else {
            throw StoreError(.notFound, "no record \(id)")
        }
        printRecord(state, schema: store.schema, json: output.json)
    }
}
