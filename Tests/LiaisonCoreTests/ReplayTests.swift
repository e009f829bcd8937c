import Foundation
import LiaisonCore
import PropertyBased
import TestProcesses
import Testing

/// A record's write log replays to its state (docs/design.md §10).
@Suite(.offThePool) struct ReplayTests {
    /// Replaying each replica's events, shuffled, gives its state byte for byte; after gossip
    /// every log is the same and holds every write made anywhere.
    @Test func eachLogReplaysToItsStateAndLogsConverge() async throws {
        await propertyCheck(count: 1_000, input: Gen.int(in: 2...7), Gen.uint64()) { replicas, seed in
            var history = try RandomHistory.make(replicas: replicas, seed: seed, steps: 4...30)
            for (index, state) in history.states.enumerated() {
                let events = Array(history.events[index].values).shuffled(using: &history.rng)
                #expect(RecordState(replaying: events, id: state.id).canonicalJSON == state.canonicalJSON)
            }
            try history.gossipUntilStable()
            let logs = Set(history.events.map { Set($0.values) })
            #expect(logs.count == 1)
            #expect(Set(history.events[0].keys) == Set(history.log.map(\.dot)))
            let replayed = RecordState(replaying: Array(history.events[0].values), id: RandomHistory.recordID)
            #expect(replayed.canonicalJSON == history.states[0].canonicalJSON)
        }
    }

    /// The canonical JSON decodes to the same event; a bad event is refused with its problem.
    @Test func eventJSONRoundTrips() throws {
        var history = try RandomHistory.make(replicas: 3, seed: 7, steps: 12...12)
        try history.gossipUntilStable()
        for event in history.events[0].values {
            let decoded = try WriteEvent(json: Data(event.canonicalJSON.utf8))
            #expect(decoded == event)
            #expect(decoded.canonicalJSON == event.canonicalJSON)
        }
        let own =
            #"{"at":1767225600000,"author":"a","fields":{"x":1},"id":"0190f3a2-7c1e-7000-8000-000000000001","n":2,"read":{"mumbai.k3f9q2":2},"reconstructed":false,"replica":"mumbai.k3f9q2"}"#
        #expect(throws: StateDecodingError.self) { try WriteEvent(json: Data(own.utf8)) }
    }

    /// Reconstructed events of a state replay to its fields.
    @Test func reconstructedEventsReplayToTheLiveEntries() throws {
        var history = try RandomHistory.make(replicas: 4, seed: 11, steps: 20...20)
        try history.gossipUntilStable()
        let state = history.states[0]
        let replayed = RecordState(replaying: state.reconstructedEvents, id: state.id)
        #expect(replayed.fields == state.fields)
        #expect(state.reconstructedEvents.allSatisfy { $0.reconstructed })
    }
}
