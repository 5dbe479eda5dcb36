@testable import ChaosLab
import Testing

@Suite("Soak pacing: the token bucket")
struct TokenBucketTests {
    let start = ContinuousClock.now

    @Test("reservations at one instant are spaced 1/rate apart after the first")
    func reservationsQueue() {
        var bucket = TokenBucket(rate: 100, now: start)
        let slots = (0..<5).map { _ in bucket.reserve(now: start) - start }
        #expect(slots == [.zero, .milliseconds(10), .milliseconds(20), .milliseconds(30), .milliseconds(40)])
    }

    @Test("over a second of steady reservations the rate is kept, and idling banks at most the burst")
    func steadyRate() {
        var bucket = TokenBucket(rate: 50, burst: 5, now: start)
        var now = start
        var sent = 0
        // A lane that sends as soon as its slot comes, for one second.
        while true {
            let slot = bucket.reserve(now: now)
            guard slot < start + .seconds(1) else { break }
            now = max(now, slot)
            sent += 1
        }
        #expect(sent == 50)
        // Ten idle seconds bank five tokens, not five hundred.
        let later = start + .seconds(11)
        let immediate = (0..<10).map { _ in bucket.reserve(now: later) }.count { $0 == later }
        #expect(immediate == 5)
    }

    @Test("take hands out only whole tokens that are there, and says when the next one comes")
    func take() {
        var bucket = TokenBucket(rate: 1000, burst: 100, now: start)
        #expect(bucket.take(upTo: 10, now: start) == 1)
        #expect(bucket.take(upTo: 10, now: start) == 0)
        #expect(bucket.nextToken(now: start) == start + .milliseconds(1))
        #expect(bucket.take(upTo: 10, now: start + .microseconds(4500)) == 4)
        #expect(bucket.take(upTo: 500, now: start + .seconds(1)) == 100)
        #expect(bucket.nextToken(now: start + .seconds(2)) == start + .seconds(2))
    }

    @Test("the default burst is a tenth of a second's worth, at least one token")
    func defaultBurst() {
        #expect(TokenBucket(rate: 1000, now: start).burst == 100)
        #expect(TokenBucket(rate: 2, now: start).burst == 1)
    }
}
