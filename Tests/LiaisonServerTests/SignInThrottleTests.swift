import LiaisonHTTP
import Testing

@Suite("Sign-in throttle: free failures, then doubling waits, per key")
struct SignInThrottleTests {
    @Test func fiveFailuresAreFreeThenEachTryWaitsTwiceAsLong() {
        let throttle = SignInThrottle(base: 1)
        let keys = ["account:asha"]
        for second in 0..<5 {
            #expect(throttle.reserve(keys: keys, now: Double(second)) == nil)
        }
        #expect(throttle.reserve(keys: keys, now: 4) == 1)
        #expect(throttle.reserve(keys: keys, now: 5) == nil)
        #expect(throttle.reserve(keys: keys, now: 5) == 2)
        #expect(throttle.reserve(keys: keys, now: 7) == nil)
        #expect(throttle.reserve(keys: keys, now: 7) == 4)
        #expect(throttle.reserve(keys: ["account:ravi"], now: 7) == nil, "other accounts are not slowed")
        #expect(throttle.reserve(keys: ["account:ravi", "account:asha"], now: 7) == 4, "the longest wait of the keys")
        throttle.succeeded(key: "account:asha")
        #expect(throttle.reserve(keys: keys, now: 7) == nil)
    }

    /// Names of megabytes sent to the sign-in (no account needed) were each kept for a quarter
    /// of an hour: 40 of 8 MiB took a node from 201 to 554 MB.
    @Test func aNameLongerThanAnyAccountsIsCountedByItsStart() {
        let long = "U" + String(repeating: "a", count: 8 << 20)
        #expect(SignInThrottle.accountKey(long) == "account:u" + String(repeating: "a", count: 64))
        #expect(SignInThrottle.accountKey(long + "b") == SignInThrottle.accountKey(long))
        let accented = "a" + String(repeating: "\u{301}", count: 1 << 20)  // one character of 2 MB
        #expect(SignInThrottle.accountKey(accented).unicodeScalars.count == "account:".count + 65)
        let longest = String(repeating: "A", count: 64)
        #expect(SignInThrottle.accountKey(longest) == "account:" + longest.lowercased(), "an account's name is its key, in any case")
    }

    @Test func aTryWhosePasswordWasRightIsTakenBack() {
        let throttle = SignInThrottle(base: 1)
        let keys = ["address:10.0.0.9"]
        for _ in 0..<4 { #expect(throttle.reserve(keys: keys, now: 0) == nil) }
        #expect(throttle.reserve(keys: keys, now: 0) == nil)
        throttle.release(keys: keys)
        #expect(throttle.reserve(keys: keys, now: 0) == nil, "the released try left room for one more")
        #expect(throttle.reserve(keys: keys, now: 0) == 1)
    }

    @Test func anUnlockForgetsOnlyTheFailuresBeforeIt() {
        let throttle = SignInThrottle(base: 1)
        for _ in 0..<5 { #expect(throttle.reserve(keys: ["account:asha", "address:10.0.0.9"], now: 10) == nil) }
        for _ in 0..<5 { #expect(throttle.reserve(keys: ["address:10.0.0.66"], now: 30) == nil) }
        throttle.forget(keys: ["account:asha", "address:10.0.0.9", "address:10.0.0.66"], failedBefore: 20)
        #expect(throttle.reserve(keys: ["account:asha", "address:10.0.0.9"], now: 30) == nil, "both failed before the unlock")
        #expect(throttle.reserve(keys: ["address:10.0.0.66"], now: 30) == 1, "this one failed after it")
    }

    @Test func theWaitIsCappedAndAQuietKeyIsForgotten() {
        let throttle = SignInThrottle(base: 1)
        let keys = ["address:10.0.0.9"]
        var now = 0.0
        for failures in 1...15 {
            #expect(throttle.reserve(keys: keys, now: now) == nil, "try \(failures) waited its turn")
            if failures < 15 { now += failures < 5 ? 0 : Double(1 << (failures - 5)) }
        }
        #expect(throttle.reserve(keys: keys, now: now) == 900)
        #expect(throttle.reserve(keys: keys, now: now + 900) == nil, "counting starts again after 15 quiet minutes")
        #expect(throttle.reserve(keys: keys, now: now + 900) == nil)
    }

    @Test func aTryAtTheLimitOnlyThroughRunningTriesWaitsForThemToEnd() async {
        let throttle = SignInThrottle(base: 600)
        let keys = ["address:10.0.0.9"]
        for _ in 0..<5 { #expect(await throttle.reserveAfterRunningTries(keys: keys) == nil) }
        let sixth = Task { await throttle.reserveAfterRunningTries(keys: keys) }
        try? await Task.sleep(for: .milliseconds(100))
        throttle.release(keys: keys)  // a right password
        #expect(await sixth.value == nil, "counted once a running try was taken back")
        for _ in 0..<5 { throttle.failed(keys: keys) }
        let wait = await throttle.reserveAfterRunningTries(keys: keys) ?? 0
        #expect((1...600).contains(wait), "five failures: the next waits (600 s from the last, less the time a loaded machine took)")
    }
}
