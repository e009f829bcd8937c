import Foundation
import LiaisonCore
import PropertyBased
import TestProcesses
import Testing

/// A record's timeline (docs/design.md §10): each entry's superseded values and conflict mark
/// are what replaying the events it saw says, and pages of any size walk the whole timeline.
@Suite(.offThePool) struct HistoryTimelineTests {
    /// An entry as the timeline's definition gives it.
    struct Expected {
        let event: WriteEvent
        let superseded: [String: [FieldValue]]
        let concurrent: Bool
    }

    /// The timeline by its definition: per event, replay every event its read context covers and
    /// read the live values of the fields it wrote (what the timeline did before it was indexed).
    static func replayedTimeline(_ events: [WriteEvent]) -> [Expected] {
        let expected = events.map { event in
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
        let order = Dictionary(uniqueKeysWithValues: newestFirst(events).enumerated().map { ($1.dot, $0) })
        return expected.sorted { order[$0.event.dot]! < order[$1.event.dot]! }
    }

    /// The timeline's order by its definition: again and again, of the events left that no event
    /// left happened after, the latest by `at`, then dot. An event happened after another when its
    /// read context covers the other's dot or it was made later at the same office, or through a
    /// chain of such steps.
    static func newestFirst(_ events: [WriteEvent]) -> [WriteEvent] {
        let count = events.count
        var after = (0..<count).map { later in
            (0..<count).map { earlier in
                let (a, b) = (events[earlier].dot, events[later])
                return b.readContext.contains(a) || (a.replica == b.dot.replica && a.counter < b.dot.counter)
            }
        }
        for middle in 0..<count {
            for later in 0..<count where after[later][middle] {
                for earlier in 0..<count where after[middle][earlier] { after[later][earlier] = true }
            }
        }
        var left = Set(0..<count)
        var ordered: [WriteEvent] = []
        while !left.isEmpty {
            let newest = left.filter { candidate in !left.contains { after[$0][candidate] } }
            let next = newest.max { isLater(events[$1], than: events[$0]) }!
            ordered.append(events[next])
            left.remove(next)
        }
        return ordered
    }

    private static func isLater(_ first: WriteEvent, than second: WriteEvent) -> Bool {
        first.meta.at != second.meta.at ? first.meta.at > second.meta.at : first.dot > second.dot
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

    /// Two offices wrote the same title unseen by each other; a later write replaced both: its
    /// entry replaced one value (shown once, and no resolution), though two writes held it.
    @Test func aValueReplacedInSeveralWritesIsShownOnce() throws {
        let meta = WriteMeta(author: "priya", at: Timestamp.millis())
        var mumbai = RecordState(id: "0b0d2c4e-5f60-4a71-8a92-b3c4d5e6f708")
        var chennai = mumbai
        let first = try mumbai.loggedWrite(["title": .text("Cobalt deal")], readContext: .empty, replica: "mumbai.k3f9q2", meta: meta)
        let second = try chennai.loggedWrite(["title": .text("Cobalt deal")], readContext: .empty, replica: "chennai.p7x2m4", meta: meta)
        mumbai = try mumbai.merged(with: chennai)
        let third = try mumbai.loggedWrite(["title": .text("Cobalt deal (C)")], readContext: mumbai.context, replica: "mumbai.k3f9q2", meta: meta)
        let newest = try #require(HistoryEntry.timeline([first, second, third]).first)
        #expect(newest.event == third)
        #expect(newest.superseded["title"] == [.text("Cobalt deal"), .text("Cobalt deal")])
        #expect(newest.replacedValues(of: "title") == [.text("Cobalt deal")])
        #expect(!newest.isResolution)
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

    @Test("an office whose clock runs slow cannot list its edit below the writes it saw")
    func slowClockStillListsWhatHappenedFirstBelow() throws {
        let (mumbai, kolkata) = ("mumbai.k3f9q2", "kolkata.p7x2m4")
        let start = Timestamp.millis()
        var state = RecordState(id: "0b0d2c4e-5f60-4a71-8a92-b3c4d5e6f708")
        let created = try state.loggedWrite(
            ["title": .text("Skew test"), "status": .text("identified")],
            readContext: .empty,
            replica: mumbai,
            meta: WriteMeta(author: "priya", at: start)
        )
        let contacted = try state.loggedWrite(
            ["status": .text("contacted")],
            readContext: state.context,
            replica: mumbai,
            meta: WriteMeta(author: "priya", at: start + 1_000)
        )
        // Made later, after reading both, at an office ten minutes behind.
        let followedUp = try state.loggedWrite(
            ["status": .text("in_discussion")],
            readContext: state.context,
            replica: kolkata,
            meta: WriteMeta(author: "meera", at: start + 2_000 - 600_000)
        )
        // A write at Mumbai that did not see Kolkata's goes by its time: above it.
        let concurrent = try state.loggedWrite(
            ["title": .text("Skew test, renamed")],
            readContext: contacted.readContext.joined(with: VersionVector([mumbai: contacted.dot.counter])),
            replica: mumbai,
            meta: WriteMeta(author: "priya", at: start + 3_000)
        )
        let events = [created, followedUp, contacted, concurrent]
        #expect(HistoryEntry.timeline(events).map(\.event.meta.author) == ["priya", "meera", "priya", "priya"])
        #expect(HistoryEntry.timeline(events).map(\.event.dot) == [concurrent.dot, followedUp.dot, contacted.dot, created.dot])
        #expect(HistoryEntry.timeline(events.reversed()).map(\.event.dot) == HistoryEntry.timeline(events).map(\.event.dot))
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
