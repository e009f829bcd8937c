import LiaisonStore
import LiaisonSync
import Testing

/// The size a peer's requests went on at after a timeout holds, per peer and direction, doubles
/// for each hour without a timeout, and never raises the configured size (docs/design.md §6).
@Suite("Sizes found after timeouts, held for the next rounds")
struct SlowLinksTests {
    @Test func aSizeFoundAfterATimeoutHoldsForItsPeerAndDirectionAndDoublesEachHourWithoutOne() {
        let links = SlowLinks()
        let start = ContinuousClock.now
        func pull(at seconds: Int) -> Int { links.startingBytes(4 << 20, peer: "chennai", .pull, at: start + .seconds(seconds)) }
        #expect(pull(at: 0) == 4 << 20)

        links.timedOut(peer: "chennai", .pull, goingOnAt: 524_288, at: start)
        #expect(pull(at: 3_599) == 524_288)
        #expect(links.startingBytes(262_144, peer: "chennai", .pull, at: start) == 262_144, "a smaller configured size wins")
        #expect(links.startingBytes(4 << 20, peer: "chennai", .push, at: start) == 4 << 20)
        #expect(links.startingBytes(4 << 20, peer: "kolkata", .pull, at: start) == 4 << 20)

        // A later timeout holds its size an hour from then; each hour after without one doubles
        // it, up to the configured size.
        links.timedOut(peer: "chennai", .pull, goingOnAt: 131_072, at: start + .seconds(1_800))
        #expect(pull(at: 3_601) == 131_072)
        #expect(pull(at: 5_401) == 262_144)
        #expect(pull(at: 12_601) == 1 << 20)
        #expect(pull(at: 16_201) == 2 << 20)
        #expect(pull(at: 19_801) == 4 << 20)
        #expect(pull(at: 100_000) == 4 << 20)
    }

    @Test func aLargerSizeFoundMeanwhileDoesNotRaiseASizeStillHeld() {
        let links = SlowLinks()
        let start = ContinuousClock.now
        links.timedOut(peer: "chennai", .push, goingOnAt: 65_536, at: start)
        // Another round, started before, found a larger size: the smaller one holds, an hour from now.
        links.timedOut(peer: "chennai", .push, goingOnAt: 1 << 20, at: start + .seconds(600))
        #expect(links.startingBytes(4 << 20, peer: "chennai", .push, at: start + .seconds(4_000)) == 65_536)
        // Once the hold is over, a new size replaces it.
        links.timedOut(peer: "chennai", .push, goingOnAt: 1 << 20, at: start + .seconds(4_300))
        #expect(links.startingBytes(4 << 20, peer: "chennai", .push, at: start + .seconds(4_300)) == 1 << 20)
    }
}
