import LiaisonHTTP
import Testing

@Suite("Sign-in throttle: free failures, then doubling waits, per key")
struct SignInThrottleTests {
    @Test func fiveFailuresAreFreeThenEachTryWaitsTwiceAsLong() {
        let throttle = SignInThrottle(base: 1)
        let keys = ["account:asha"]
        for second in 0..<5 {
            #expect(throttle.wait(keys: keys, now: Double(second)) == nil)
            throttle.failed(keys: keys, now: Double(second))
        }
        #expect(throttle.wait(keys: keys, now: 4) == 1)
        #expect(throttle.wait(keys: keys, now: 5) == nil)
        throttle.failed(keys: keys, now: 5)
        #expect(throttle.wait(keys: keys, now: 5) == 2)
        throttle.failed(keys: keys, now: 7)
        #expect(throttle.wait(keys: keys, now: 7) == 4)
        #expect(throttle.wait(keys: ["account:ravi"], now: 7) == nil, "other accounts are not slowed")
        #expect(throttle.wait(keys: ["account:ravi", "account:asha"], now: 7) == 4, "the longest wait of the keys")
        throttle.succeeded(key: "account:asha")
        #expect(throttle.wait(keys: keys, now: 7) == nil)
    }

    @Test func theWaitIsCappedAndAQuietKeyIsForgotten() {
        let throttle = SignInThrottle(base: 1)
        for second in 0..<40 { throttle.failed(keys: ["address:10.0.0.9"], now: Double(second)) }
        #expect(throttle.wait(keys: ["address:10.0.0.9"], now: 39) == 900)
        #expect(throttle.wait(keys: ["address:10.0.0.9"], now: 39 + 900) == nil)
        throttle.failed(keys: ["address:10.0.0.9"], now: 39 + 900)
        #expect(throttle.wait(keys: ["address:10.0.0.9"], now: 39 + 900) == nil, "counting starts again after 15 quiet minutes")
    }
}
