import Foundation
import LiaisonCore
import LiaisonHTTP
import LiaisonServer
import LiaisonStore
import Testing

@Suite("docs/openapi.json describes exactly the routes the router serves")
struct OpenAPITests {
    static func document() throws -> [String: Any] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("docs/openapi.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]

    @Test func routesMatch() throws {
        let document = try Self.document()
        #expect((document["openapi"] as? String)?.hasPrefix("3.1") == true)
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var documented: Set<String> = []
        for (path, item) in paths {
            for method in item.keys where Self.methods.contains(method) { documented.insert("\(method.uppercased()) \(path)") }
        }
        let served = Set(APIRoute.allCases.map { "\($0.method) \($0.path)" })
        #expect(documented == served, "only documented: \(documented.subtracting(served)), only served: \(served.subtracting(documented))")
    }

    @Test func securityAndRolesMatch() throws {
        let paths = try #require(try Self.document()["paths"] as? [String: [String: Any]])
        for route in APIRoute.allCases {
            let operation = try #require(paths[route.path]?[route.method.lowercased()] as? [String: Any])
            let security = operation["security"] as? [[String: Any]] ?? []
            let responses = operation["responses"] as? [String: Any] ?? [:]
            if route.access == .open {
                #expect(security.isEmpty, "\(route)")
            } else {
                #expect(security.first?["bearer"] != nil, "\(route)")
                #expect(responses["401"] != nil && responses["403"] != nil, "\(route)")
                #expect(Set(operation["x-liaison-roles"] as? [String] ?? []) == Set(route.access.roles.map(\.rawValue)), "\(route)")
            }
        }
    }

    @Test func queryParametersMatchAndTheirRefusalIsDocumented() throws {
        let paths = try #require(try Self.document()["paths"] as? [String: [String: Any]])
        for route in APIRoute.allCases {
            let operation = try #require(paths[route.path]?[route.method.lowercased()] as? [String: Any])
            let parameters = operation["parameters"] as? [[String: Any]] ?? []
            let documented = Set(parameters.filter { $0["in"] as? String == "query" }.compactMap { $0["name"] as? String })
            #expect(documented == route.queryParameters ?? [], "\(route)")
            if route.queryParameters != nil {
                let responses = operation["responses"] as? [String: Any] ?? [:]
                #expect(responses["400"] != nil, "\(route) refuses an unknown query parameter with 400")
            }
        }
    }
}
