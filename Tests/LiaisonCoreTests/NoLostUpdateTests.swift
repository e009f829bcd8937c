import LiaisonCore
import PropertyBased
import TestProcesses
import Testing

/// No acknowledged write is lost (docs/design.md §4, §8): after convergence every write made in a
/// random history is, for each field it wrote, either still one of the field's entries
/// (the displayed value or a conflicting one), or covered by a live entry of that field whose
/// writer named it in its read context (someone saw it and replaced it on purpose).
@Suite(.offThePool) struct NoLostUpdateTests {
    @Test func everyWriteIsShownOrKnowinglyReplaced() async throws {
        await propertyCheck(count: 1_000, input: Gen.int(in: 2...7), Gen.uint64()) { replicas, seed in
            var history = try RandomHistory.make(replicas: replicas, seed: seed, steps: 4...30)
            try history.gossipUntilStable()
            let final = history.states[0]
            let writeByDot = Dictionary(uniqueKeysWithValues: history.log.map { ($0.dot, $0) })
            let view = RecordView(final)

            for write in history.log {
                for (name, value) in write.values {
                    let entries = final.fields[name] ?? [:]
                    if let live = entries[write.dot] {
                        // Still there, with the value written.
                        #expect(live == value, "write \(write.dot) of \(name) changed value")
                        let shown = final.entries(of: name).map(\.value)
                        #expect(shown.contains(value))
                        if final.isConflicted(name) {
                            let listed = view.conflicts[name]?.map(\.value) ?? []
                            #expect(listed.contains(value), "\(name) conflict does not list \(write.dot)")
                        } else {
                            #expect(final.displayValue(of: name) == value)
                        }
                    } else {
                        // Gone: some live entry of the field was written by someone who had read it.
                        let coveredBy = entries.keys.filter { dot in
                            writeByDot[dot]?.readContext.contains(write.dot) ?? false
                        }
                        #expect(!coveredBy.isEmpty, "write \(write.dot) of \(name) = \(value) was lost")
                    }
                }
            }
            // Nothing is invented: every live entry is a logged write of that field and value.
            for (name, entries) in final.fields {
                for (dot, value) in entries {
                    #expect(writeByDot[dot]?.values[name] == value, "\(name) holds \(dot) that nobody wrote")
                }
            }
        }
    }

    /// The same holds on every replica at every moment, not only after convergence: what a
    /// replica has seen is either live there or covered by a live entry that read it.
    @Test func noReplicaEverDropsAnUnseenWrite() async throws {
        await propertyCheck(count: 300, input: Gen.int(in: 2...7), Gen.uint64()) { replicas, seed in
            let history = try RandomHistory.make(replicas: replicas, seed: seed, steps: 4...30)
            let writeByDot = Dictionary(uniqueKeysWithValues: history.log.map { ($0.dot, $0) })
            for state in history.snapshots {
                for write in history.log where state.context.contains(write.dot) {
                    for name in write.values.keys {
                        let entries = state.fields[name] ?? [:]
                        guard entries[write.dot] == nil else { continue }
                        let covered = entries.keys.contains { writeByDot[$0]?.readContext.contains(write.dot) ?? false }
                        #expect(covered, "\(write.dot) of \(name) dropped without being read")
                    }
                }
            }
        }
    }
}
