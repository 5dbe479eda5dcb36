/// Paces publishes to a target rate: a token bucket refilled at `rate` tokens a second, holding
/// at most `burst`. Pure arithmetic on the instants it is given, so it can be tested without
/// waiting.
///
/// Two ways to draw: ``reserve(now:)`` books the next slot even when it lies in the future
/// (the bucket goes into debt, and each later caller queues behind), which suits lanes that send
/// one request at a time; ``take(upTo:now:)`` hands out only what is there, which suits a
/// publisher that sends whatever its window allows.
struct TokenBucket: Sendable {
    /// Tokens a second.
    let rate: Double
    /// The most tokens the bucket holds: how far a publisher that fell behind may catch up at once.
    let burst: Double
    private var tokens: Double
    private var refilledAt: ContinuousClock.Instant

    /// A bucket that starts with one token, so the first publish goes at once. `burst`
    /// defaults to a tenth of a second's worth, at least one.
    init(rate: Double, burst: Double? = nil, now: ContinuousClock.Instant) {
        precondition(rate > 0, "A token bucket needs a positive rate.")
        self.rate = rate
        self.burst = max(1, burst ?? rate / 10)
        self.tokens = 1
        self.refilledAt = now
    }

    /// Books one token and returns when it may be used: `now` if the bucket had one, else the
    /// moment it will have refilled enough.
    mutating func reserve(now: ContinuousClock.Instant) -> ContinuousClock.Instant {
        refill(now: now)
        tokens -= 1
        guard tokens < 0 else { return now }
        return refilledAt + .seconds(-tokens / rate)
    }

    /// Takes up to `count` whole tokens that are there now and returns how many it took.
    mutating func take(upTo count: Int, now: ContinuousClock.Instant) -> Int {
        refill(now: now)
        let taken = min(count, Int(tokens.rounded(.down)))
        guard taken > 0 else { return 0 }
        tokens -= Double(taken)
        return taken
    }

    /// When the next whole token will be there.
    func nextToken(now: ContinuousClock.Instant) -> ContinuousClock.Instant {
        let available = min(burst, tokens + (now - refilledAt).seconds * rate)
        return available >= 1 ? now : now + .seconds((1 - available) / rate)
    }

    private mutating func refill(now: ContinuousClock.Instant) {
        guard now > refilledAt else { return }
        tokens = min(burst, tokens + (now - refilledAt).seconds * rate)
        refilledAt = now
    }
}
