import Foundation
import LiaisonCore
import PropertyBased
import Testing

/// A record's timeline (docs/design.md §10): each entry's superseded values and conflict mark
/// are what replaying the events it saw says, and pages of any size walk the whole timeline.
@Suite struct HistoryTimelineTests {
    /// An entry as the timeline's definition gives it.
    struct Expected {
        let event: WriteEvent
        let superseded: [String: [FieldValue]]
        let concurrent: Bool
    }

    /// The timeline by its definition: per event, replay every event its read context covers and
    /// read the live values of the fields it wrote (what the timeline did before it was indexed).
    static func replayedTimeline(_ events: [WriteEvent]) -> [Expected] {
        events.map { event in
            let before = RecordState(replaying: events.filter { event.readContext.contains($0.dot) }, id: event.recordID)
            var superseded: [String: [FieldValue]] = [:]
            for name in event.values.keys {
                let values = (before.fields[name] ?? [:]).sorted { $0.key < $1.key }.map(\.value)
                if !values.isEmpty { superseded[name] = values }
            }
            let concurrent = events.contains { other in
                other.dot != event.dot && !event.readContext.contains(other.dot) && !other.readContext.contains(event.dot)
                    && other.values.contains { name, value in event.values[name].map { $0 != value } ?? false }
            }
            return Expected(event: event, superseded: superseded, concurrent: concurrent)
        }
        .sorted { $0.event.meta.at != $1.event.meta.at ? $0.event.meta.at > $1.event.meta.at : $0.event.dot > $1.event.dot }
    }

    @Test func everyEntryIsWhatReplayingTheEventsItSawSays() async throws {
        await propertyCheck(count: 300, input: Gen.int(in: 2...7), Gen.uint64()) { replicas, seed in
            var history = try RandomHistory.make(replicas: replicas, seed: seed, steps: 4...40)
            try history.gossipUntilStable()
            let events = Array(history.events[0].values)
            let timeline = HistoryEntry.timeline(events)
            let expected = Self.replayedTimeline(events)
            #expect(timeline.map(\.event) == expected.map(\.event))
            for (entry, wanted) in zip(timeline, expected) {
                #expect(entry.superseded == wanted.superseded, "\(entry.event.dot)")
                #expect(entry.concurrent == wanted.concurrent, "\(entry.event.dot)")
            }
        }
    }

    @Test func pagesOfAnySizeWalkTheWholeTimelineOnce() async throws {
        await propertyCheck(count: 200, input: Gen.int(in: 1...9), Gen.uint64()) { size, seed in
            var history = try RandomHistory.make(replicas: 3, seed: seed, steps: 4...30)
            try history.gossipUntilStable()
            let events = Array(history.events[0].values)
            var walked: [HistoryEntry] = []
            var cursor: Dot?
            repeat {
                let page = try #require(HistoryEntry.page(of: events, after: cursor, limit: size))
                #expect(page.entries.count <= size)
                walked += page.entries
                cursor = page.next
            } while cursor != nil
            #expect(walked == HistoryEntry.timeline(events))
        }
    }

    @Test func aCursorThatNamesNoWriteIsNoPage() throws {
        var history = try RandomHistory.make(replicas: 2, seed: 3, steps: 6...6)
        try history.gossipUntilStable()
        let events = Array(history.events[0].values)
        #expect(HistoryEntry.page(of: events, after: Dot(replica: "nowhere.x", counter: 1), limit: 5) == nil)
        #expect(Dot("mumbai.k3f9q2:7") == Dot(replica: "mumbai.k3f9q2", counter: 7))
        #expect(Dot("mumbai.k3f9q2:0") == nil && Dot(":7") == nil && Dot("mumbai") == nil)
    }
}
