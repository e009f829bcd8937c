import ArgumentParser
import Foundation
import LiaisonBundledPlugins
import LiaisonStore

/// `--data DIR`: where the node's store lives.
struct DataOptions: ParsableArguments {
    @Option(
        name: .customLong("data"),
        help: ArgumentHelp(
            "The data directory (default: $LIAISON_DATA, else ./liaison-data).",
            valueName: "DIR"
        )
    )
    var directory: String?

    /// The data directory: `--data`, else `$LIAISON_DATA`, else `./liaison-data`.
    var url: URL {
        let path =
            directory ?? ProcessInfo.processInfo.environment["LIAISON_DATA"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "liaison-data"
        return URL(fileURLWithPath: path)
    }

    /// Opens the store with the bundled plugins' schema; `claim` when this process serves it
    /// (``LiaisonStore/init(directory:schema:serving:)``).
    func openStore(serving claim: ServingClaim? = nil) throws -> LiaisonStore {
        try LiaisonStore(directory: url, schema: BundledPlugins.schema, serving: claim)
    }
}

/// `--json`: machine-readable output.
struct OutputOptions: ParsableArguments {
    @Flag(name: .customLong("json"), help: "Print machine-readable JSON.")
    var json = false
}

/// `--author NAME`: who makes a write.
struct AuthorOptions: ParsableArguments {
    @Option(
        name: .customLong("author"),
        help: ArgumentHelp(
            "Who makes the write (default: $LIAISON_AUTHOR, else the login name).",
            valueName: "NAME"
        )
    )
    var name: String?

    /// `--author`, else `$LIAISON_AUTHOR`, else the login name; the first that is not blank,
    /// without the spaces around it.
    var author: String {
        let given = [name, ProcessInfo.processInfo.environment["LIAISON_AUTHOR"], ProcessInfo.processInfo.userName]
        let names = given.compactMap { $0?.trimmingCharacters(in: .whitespaces) }
        return names.first { !$0.isEmpty } ?? "unknown"
    }
}

/// `--version TOKEN`: the version the writer read.
struct VersionOptions: ParsableArguments {
    @Option(
        name: .customLong("version"),
        help: ArgumentHelp(
            "The version token the writer read (default: the current version).",
            valueName: "TOKEN"
        )
    )
    var token: String?
}
