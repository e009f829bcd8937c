import ArgumentParser

/// `liaison record ...`: data entry.
struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Add, show, edit, delete and list records.",
        subcommands: [
            RecordAddCommand.self,
            RecordGetCommand.self,
            RecordSetCommand.self,
            RecordDeleteCommand.self,
            RecordListCommand.self,
            RecordHistoryCommand.self,
        ]
    )
}
