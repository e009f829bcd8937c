import ArgumentParser
import Foundation
import LiaisonBundledPlugins
import LiaisonCore
import LiaisonReports

/// `liaison plugins [--json]`
struct PluginsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins",
        abstract: "List the plugins, their tracks, the fields they add (with allowed values) and their reports."
    )

    @OptionGroup var output: OutputOptions

    func run() throws {
        let listing = PluginListing(BundledPlugins.registry)
        if output.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try StandardOutput.write(try encoder.encode(listing) + Data("\n".utf8))
        } else {
            printForPeople(listing.text, terminator: "")
        }
    }
}

/// What `liaison plugins` shows, as data.
struct PluginListing: Encodable {
    struct Field: Encodable {
        let name, label, type, help: String
        let allowed: [String]?
    }
    struct Report: Encodable {
        let id, title, summary: String
    }
    struct Plugin: Encodable {
        let id, title, track: String
        let fields: [Field]
        let reports: [Report]
    }
    let plugins: [Plugin]
    let reports: [Report]

    init(_ registry: PluginRegistry) {
        plugins = registry.plugins.map { plugin in
            Plugin(
                id: plugin.id,
                title: plugin.track.title,
                track: plugin.track.id,
                fields: plugin.fields.map {
                    Field(
                        name: $0.name,
                        label: $0.label,
                        type: Self.type($0.kind),
                        help: $0.help,
                        allowed: $0.kind.allowedValues
                    )
                },
                reports: plugin.reports.map { Report(id: $0.id, title: $0.title, summary: $0.summary) }
            )
        }
        reports = registry.reports.map { Report(id: $0.id, title: $0.title, summary: $0.summary) }
    }

    static func type(_ kind: FieldKind) -> String {
        switch kind {
        case .text(let max): "text (up to \(max) characters)"
        case .choice: "choice"
        case .choices: "choices"
        case .bool: "bool"
        case .money: "money (USD)"
        case .integer(let min, let max): "integer \(min)...\(max)"
        case .date: "date"
        case .digits(let lengths): "digits (\(lengths.lowerBound) to \(lengths.upperBound))"
        }
    }

    var text: String {
        var lines: [String] = []
        for plugin in plugins {
            lines.append("\(plugin.id): \(plugin.title)")
            lines.append("  fields:")
            for field in plugin.fields {
                lines.append("    \(field.name) (\(field.type)): \(field.label)")
                if let allowed = field.allowed { lines.append("      allowed: \(allowed.joined(separator: ", "))") }
                if !field.help.isEmpty { lines.append("      \(field.help)") }
            }
            lines.append("  reports:")
            lines += plugin.reports.map { "    \($0.id): \($0.summary)" }
            lines.append("")
        }
        lines.append("Reports: \(reports.map(\.id).joined(separator: ", "))")
        return lines.joined(separator: "\n") + "\n"
    }
}
