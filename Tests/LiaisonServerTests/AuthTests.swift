import Foundation
import LiaisonHTTP
import LiaisonServer
import LiaisonStore
import Testing

@Suite("Auth: 401 without a valid token, 403 with the wrong role, for every route")
struct AuthTests {
    /// The route's path with its parameters filled in.
    static func concretePath(_ route: APIRoute) -> String {
        route.path.replacingOccurrences(of: "{id}", with: "01NO-SUCH-RECORD").replacingOccurrences(of: "{name}", with: "nobody")
    }

    @Test func everyRouteButHealthNeedsAValidToken() async throws {
        try await withNode { node in
            for route in APIRoute.allCases {
                let path = Self.concretePath(route)
                let none = try await node.send(route.method, path)
                let bogus = try await node.send(route.method, path, token: "not-a-real-token")
                if route.access == .open {
                    // Health answers; the session routes sign in (415 without a JSON body) and out.
                    #expect([200, 204, 415].contains(none.status) && none.status != 401, "\(route.method) \(route.path)")
                    continue
                }
                for reply in [none, bogus] {
                    #expect(reply.status == 401, "\(route.method) \(route.path)")
                    #expect(reply.header("www-authenticate")?.hasPrefix("Bearer") == true, "\(route.method) \(route.path)")
                    #expect(!reply.error.isEmpty)
                }
            }
        }
    }

    @Test func everyRoleGets403ExactlyWhereItMayNotGo() async throws {
        try await withNode { node in
            for route in APIRoute.allCases where route.access != .open {
                for role in TokenRole.allCases {
                    let reply = try await node.send(route.method, Self.concretePath(route), token: node.token(role))
                    if route.access.allows(role) {
                        #expect(![401, 403].contains(reply.status), "\(role) \(route.method) \(route.path): \(reply.status)")
                    } else {
                        #expect(reply.status == 403, "\(role) \(route.method) \(route.path): \(reply.status)")
                        #expect(reply.error.contains(role.rawValue))
                    }
                }
            }
        }
    }

    @Test func theRoleTableIsTheOneInTheBrief() {
        let expectations: [(APIRoute, Set<TokenRole>)] = [
            (.node, [.reader, .editor, .admin, .peer]),
            (.listRecords, [.reader, .editor, .admin]),
            (.createRecord, [.editor, .admin]),
            (.resolveRecord, [.editor, .admin]),
            (.syncChanges, [.peer]),
            (.pushChanges, [.peer]),
            (.status, [.reader, .editor, .admin]),
            (.listPeers, [.admin]),
            (.syncNow, [.admin]),
            (.createToken, [.admin]),
        ]
        for (route, roles) in expectations {
            #expect(Set(route.access.roles) == roles, "\(route)")
        }
    }

    @Test func revokedTokensStopWorking() async throws {
        try await withNode { node in
            let token = try await node.store.createToken(name: "temp", role: .reader)
            #expect(try await node.send("GET", "/v1/status", token: token).status == 200)
            try await node.store.revokeToken(name: "temp")
            #expect(try await node.send("GET", "/v1/status", token: token).status == 401)
        }
    }

    @Test func aBearerTokenIsReadWhateverTheSchemesCaseAndTheBlanks() async throws {
        try await withNode { node in
            let token = node.token(.reader)
            let accepted = ["Bearer \(token)", "bearer \(token)", "BEARER  \(token) ", "Bearer\t\(token)"]
            let refused = ["Bearer", "Bearer ", "Basic \(token)", "Bearer\(token)", "Bearer \(token)x", "Bearer x\(token)"]
            for (value, expected) in accepted.map({ ($0, 200) }) + refused.map({ ($0, 401) }) {
                let reply = try await node.send("GET", "/v1/status", headers: [("Authorization", value)])
                #expect(reply.status == expected, "\(value)")
            }
        }
    }

    @Test func adminsMakeListAndRevokeTokensOverHTTP() async throws {
        try await withNode { node in
            let admin = node.token(.admin)
            let made = try await node.send("POST", "/v1/tokens", token: admin, json: #"{"name":"ravi","role":"editor"}"#)
            #expect(made.status == 201)
            let token = try #require(made.object["token"] as? String)
            let created = try await node.send(
                "POST",
                "/v1/records",
                token: token,
                json: #"{"title":"By Ravi","type":"event","tracks":["sccp"]}"#
            )
            #expect(created.status == 201)
            let listed = try await node.send("GET", "/v1/tokens", token: admin)
            #expect((listed.object["tokens"] as? [[String: Any]])?.contains { $0["name"] as? String == "ravi" } == true)
            #expect(!listed.text.contains(token))
            let badRole = try await node.send("POST", "/v1/tokens", token: admin, json: #"{"name":"x","role":"owner"}"#)
            #expect(badRole.status == 400)
            #expect(badRole.fields["role"] != nil)
            #expect(try await node.send("DELETE", "/v1/tokens/ravi", token: admin).status == 204)
            #expect(try await node.send("GET", "/v1/node", token: token).status == 401)
        }
    }
}
