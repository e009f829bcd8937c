import Foundation

extension ClusterStatus {
    /// A table of the nodes, then each peer error, for people.
    ///
    /// ```
    /// city       url                     pid    records  conflicts  peers ok  max behind
    /// new-delhi  http://127.0.0.1:8701   41230  141      4          6/6       0
    /// ```
    public var text: String {
        var lines = [Self.row(["city", "url", "pid", "records", "conflicts", "peers ok", "max behind"])]
        var problems: [String] = []
        for node in nodes {
            let healthy = node.peers.filter { $0.lastError == nil && $0.lastSuccess != nil }.count
            if let error = node.error {
                lines.append(Self.row([node.city, node.url, node.running ? "\(node.pid)" : "-", "-", "-", "-", "-"]))
                problems.append("\(node.city): \(error)")
                continue
            }
            lines.append(
                Self.row([
                    node.city, node.url, "\(node.pid)", node.records.map(String.init) ?? "?",
                    node.conflicts.map(String.init) ?? "?", "\(healthy)/\(node.peers.count)",
                    node.maxBehind.map(String.init) ?? "not yet synced",
                ])
            )
            for peer in node.peers {
                if let error = peer.lastError { problems.append("\(node.city) -> \(peer.name): \(error)") }
            }
        }
        lines.append("")
        if problems.isEmpty {
            lines.append(
                inStep
                    ? "all seven nodes in step: no lag, no sync errors"
                    : "syncing: some peers have not caught up yet"
            )
        } else {
            lines.append("problems:")
            lines += problems.map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    /// The status as JSON (sorted keys), with `in_step`.
    public var json: String {
        struct Output: Encodable {
            let nodes: [ClusterStatus.Node]
            let inStep: Bool
            enum CodingKeys: String, CodingKey {
                case nodes
                case inStep = "in_step"
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(Output(nodes: nodes, inStep: inStep))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    private static let widths = [10, 24, 8, 9, 11, 10, 0]

    static func row(_ cells: [String]) -> String {
        zip(cells, widths).map { cell, width in
            width == 0 ? cell : cell.padding(toLength: max(width, cell.count + 1), withPad: " ", startingAt: 0)
        }.joined()
    }
}
