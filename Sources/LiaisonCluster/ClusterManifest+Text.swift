import Foundation

extension ClusterManifest {
    /// How to reach each node: URL, admin token file, and an example call.
    public var reachText: String {
        var lines = ["seven nodes up (full mesh, sync every few seconds):", ""]
        for node in nodes {
            lines.append(
                ClusterStatus.row([node.city, node.url, "pid \(node.pid)", "", "", "", ""])
                    .trimmingCharacters(in: .whitespaces)
            )
            lines.append("  admin token: \(node.adminTokenFile)   log: \(node.log)")
            lines.append("  web page: sign in as admin with the one-time password in \(node.data)/admin.password")
        }
        if let first = nodes.first(where: { $0.city == "chennai" }) ?? nodes.first {
            lines += [
                "",
                "try:",
                "  curl -H \"Authorization: Bearer $(cat \(first.adminTokenFile))\" \(first.url)/v1/status",
                "  curl -H \"Authorization: Bearer $(cat \(first.adminTokenFile))\" -H 'Content-Type: application/json' \\",
                "       -d '{\"title\":\"Lithium refining JV\",\"type\":\"joint_venture\",\"tracks\":[\"critical_minerals\"]}' \\",
                "       \(first.url)/v1/records",
                "  liaison cluster status --dir \(dirHint)",
                "  liaison cluster down --dir \(dirHint)",
            ]
        }
        return lines.joined(separator: "\n")
    }

    private var dirHint: String {
        guard let data = nodes.first?.data, let slash = data.lastIndex(of: "/") else { return "DIR" }
        return String(data[..<slash])
    }
}
