import Foundation
import LiaisonCore
import LiaisonStore
import Testing

/// Concurrent edits at two offices, each within the size a write made at a node may bring a
/// record to (256 KiB), merge into a larger state: every node takes it and shows every value;
/// only a state past what a node takes from outside (2 MiB) is quarantined (docs/design.md §9).
@Suite("A merged state past the limit of a local write")
struct MergedStateLimitTests {
    /// A note of 10,000 characters, all but the first two control characters, each of which
    /// travels as six bytes of JSON (`\u0001`): about 60 KB a value.
    static func note(_ mark: String) -> String {
        mark + String(repeating: "\u{1}", count: 10_000 - mark.count)
    }

    /// `{"notes": note}` as a request body.
    static func body(_ note: String) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: ["notes": note]), as: UTF8.self)
    }

    @Test func concurrentEditsMergePastTheWriteLimitAndEveryNodeKeepsEveryValue() async throws {
        try await withNode(office: "mumbai") { mumbai in
            try await withNode(office: "chennai") { chennai in
                try await NodeSyncTests.connect(mumbai, to: chennai, as: "chennai")
                let made = try await mumbai.send(
                    "POST",
                    "/v1/records",
                    token: mumbai.token(.editor),
                    json: #"{"title":"Lithium JV","type":"event","tracks":["sccp"]}"#
                )
                let id = try #require(made.object["id"] as? String)
                let version = try #require(made.header("ETag"))
                try await Self.sync(mumbai)

                // Four staff at each office save the notes of the version they read, at once.
                var written: Set<String> = []  // the mark each note starts with
                for (node, office) in [(mumbai, "m"), (chennai, "c")] {
                    for index in 1...4 {
                        let note = Self.note("\(office)\(index)")
                        let saved = try await node.send(
                            "PATCH",
                            "/v1/records/\(id)",
                            token: node.token(.editor),
                            json: try Self.body(note),
                            headers: [("If-Match", version)]
                        )
                        #expect(saved.status == 200, "\(saved.error)")
                        written.insert("\(office)\(index)")
                    }
                    // A fifth would take the office's own state past 256 KiB: refused, as before.
                    let fifth = try await node.send(
                        "PATCH",
                        "/v1/records/\(id)",
                        token: node.token(.editor),
                        json: try Self.body(Self.note("\(office)5")),
                        headers: [("If-Match", version)]
                    )
                    #expect(fifth.status == 409 && fifth.error.contains("resolve its conflicts first"), "\(fifth.error)")
                }

                // Each office's state is under 256 KiB; their merge is not, and both offices keep it whole.
                try await Self.sync(mumbai)
                for node in [mumbai, chennai] {
                    let state = try #require(try await node.store.state(id: id))
                    let notes = state.fields["notes", default: [:]].values.compactMap(\.textValue)
                    #expect(Set(notes.map { String($0.prefix(2)) }) == written, "\(node.store.identity.office)")
                    #expect(notes.allSatisfy { $0.count == 10_000 })
                    #expect(state.canonicalJSON.utf8.count > IntakeLimits.maxLocalStateBytes)
                    #expect(try await node.store.quarantinedCount() == 0)
                }

                // Resolving settles it, and the resolution travels.
                let resolved = try await chennai.send(
                    "POST",
                    "/v1/records/\(id)/resolve",
                    token: chennai.token(.editor),
                    json: #"{"notes":"Kept the Mumbai visit notes"}"#
                )
                #expect(resolved.status == 200, "\(resolved.error)")
                try await Self.sync(mumbai)
                let settled = try #require(try await mumbai.store.state(id: id))
                #expect(settled.fields["notes"]?.values.map { $0.textValue?.prefix(40) } == ["Kept the Mumbai visit notes"])
            }
        }
    }

    @Test func aPushedStateOverTheIntakeLimitIsQuarantinedNamingIt() async throws {
        try await withNode(office: "mumbai") { node in
            let sender = "chennai.abc123"
            let base = try Self.foreignState(sender)
            // Twenty offices' notes in one state: 1.2 MB, over 256 KiB, under 2 MiB.
            let first = try Self.concurrentNotes(on: base, replicas: (0..<20).map { "kolkata.r\($0)" })
            let pushed = try await Self.push(first, from: sender, to: node)
            #expect(pushed.status == 200 && pushed.object["merged"] as? Int == 1, "\(pushed.text.prefix(300))")
            #expect((pushed.object["quarantined"] as? [Any])?.isEmpty == true)

            // Twenty more, concurrent with those: each state is under 2 MiB, their merge is not.
            let second = try Self.concurrentNotes(on: base, replicas: (0..<20).map { "pune.r\($0)" })
            let merged = try await Self.push(second, from: sender, to: node)
            let problems = (merged.object["quarantined"] as? [[String: Any]] ?? []).compactMap { $0["problem"] as? String }
            #expect(problems.count == 1 && problems[0].contains("merged with the stored state"), "\(problems)")
            #expect(problems.first?.contains("over the limit of 2097152 (2 MiB)") == true, "\(problems)")

            // Forty in one state: refused as it arrives.
            let whole = try Self.concurrentNotes(on: base, replicas: (0..<40).map { "delhi.r\($0)" })
            let refused = try await Self.push(whole, from: sender, to: node)
            let problem = (refused.object["quarantined"] as? [[String: Any]])?.first?["problem"] as? String ?? ""
            #expect(problem.hasPrefix("state of ") && problem.contains("over the limit of 2097152 (2 MiB)"), "\(problem)")

            #expect(try await node.store.state(id: base.id) == first, "the quarantined states changed nothing")
            #expect(try await node.store.quarantinedCount() == 2)
        }
    }

    @Test func aWriteThatShrinksARecordPastTheWriteLimitIsTakenOneThatGrowsItIsNot() async throws {
        try await withNode(office: "mumbai") { node in
            let sender = "chennai.abc123"
            let base = try Self.foreignState(sender)
            // Twenty offices' notes (1.2 MB) and two titles, all in conflict, from a peer.
            var state = try Self.concurrentNotes(on: base, replicas: (0..<20).map { "kolkata.r\($0)" })
            for (index, replica) in ["pune.a", "delhi.b"].enumerated() {
                var edit = base
                try edit.write(
                    ["title": .text("Title \(index)")],
                    readContext: base.context,
                    replica: replica,
                    meta: WriteMeta(author: "ravi", at: 1_767_225_600_000)
                )
                state = try state.merged(with: edit)
            }
            let pushed = try await Self.push(state, from: sender, to: node)
            #expect(pushed.status == 200 && pushed.object["merged"] as? Int == 1, "\(pushed.text.prefix(300))")
            let path = "/v1/records/\(base.id)"

            // An edit that adds to it is refused, with advice that works.
            let read = try #require(try await node.send("GET", path, token: node.token(.editor)).header("ETag"))
            let parties = String(repeating: "Albemarle ", count: 20)
            let grown = try await node.send(
                "PATCH",
                path,
                token: node.token(.editor),
                json: #"{"us_party":"\#(parties)","in_party":"\#(parties)"}"#,
                headers: [("If-Match", read)]
            )
            #expect(grown.status == 409 && grown.error.contains("resolve its conflicts first"), "\(grown.status) \(grown.error)")

            // Resolving the titles leaves the notes' conflict, still past 256 KiB, but smaller: taken.
            let titled = try await node.send("POST", "\(path)/resolve", token: node.token(.editor), json: #"{"title":"Lithium JV"}"#)
            #expect(titled.status == 200, "\(titled.error)")
            let after = try #require(try await node.store.state(id: base.id))
            #expect(after.fields["title"]?.values.compactMap(\.textValue) == ["Lithium JV"])
            #expect(after.canonicalJSON.utf8.count > IntakeLimits.maxLocalStateBytes)

            // Then the notes, and the record is small again.
            let noted = try await node.send("POST", "\(path)/resolve", token: node.token(.editor), json: #"{"notes":"Kept"}"#)
            #expect(noted.status == 200, "\(noted.error)")
            let settled = try #require(try await node.store.state(id: base.id))
            #expect(settled.canonicalJSON.utf8.count < IntakeLimits.maxLocalStateBytes)
        }
    }

    /// A record as another office made it.
    static func foreignState(_ replica: String) throws -> RecordState {
        var state = RecordState(id: RecordID.make())
        let fields: [String: FieldValue] = [
            "type": .text("investment"), "title": .text("From Chennai"), "office": .text("chennai"),
            "tracks": .list(["sccp"]), "status": .text("identified"),
        ]
        try state.write(fields, readContext: .empty, replica: replica, meta: WriteMeta(author: "priya", at: 1_767_225_600_000))
        return state
    }

    /// `base` with a note written at each of `replicas` against `base`: all in conflict.
    static func concurrentNotes(on base: RecordState, replicas: [String]) throws -> RecordState {
        var state = base
        for (index, replica) in replicas.enumerated() {
            var edit = base
            try edit.write(
                ["notes": .text(note("\(index % 10)\(index / 10)"))],
                readContext: base.context,
                replica: replica,
                meta: WriteMeta(author: "ravi", at: 1_767_225_600_000 + Int64(index))
            )
            state = try state.merged(with: edit)
        }
        return state
    }

    /// Pushes `state` to `node` as the replica `sender`.
    static func push(_ state: RecordState, from sender: String, to node: TestNode) async throws -> Reply {
        try await node.send(
            "POST",
            "/v1/sync/changes",
            token: node.token(.peer),
            json: SyncRoutesTests.batch(sender, [state.canonicalJSON])
        )
    }

    /// Syncs `node` with its peers now (a pull, then a push) and checks that it went well.
    static func sync(_ node: TestNode) async throws {
        let sync = try await node.send("POST", "/v1/sync", token: node.token(.admin))
        let results = sync.object["results"] as? [[String: Any]] ?? []
        #expect(!results.isEmpty && results.allSatisfy { $0["ok"] as? Bool == true }, "\(sync.text.prefix(500))")
    }
}
