/// A per-key budget of actions in a sliding window (submissions or status look-ups per address).
///
/// A value type: the server keeps one behind a lock. The clock is passed in, so tests control time.
/// Each key's attempts are kept in arrival order, so expired ones are dropped from the front: a check
/// costs the same whether the budget is 20 or a million (a benchmark sets it very high).
public struct RateLimiter: Sendable {
    public let limit: Int
    public let window: Duration
    private var events: [String: Attempts] = [:]

    /// One key's attempts in the window: `times[first...]`, oldest first.
    private struct Attempts: Sendable {
        var times: [ContinuousClock.Instant] = []
        var first = 0

        var count: Int { times.count - first }

        mutating func dropExpired(now: ContinuousClock.Instant, window: Duration) {
            while first < times.count, now - times[first] >= window { first += 1 }
            // Compact now and then, so the array does not keep what it has dropped.
            if first > 64, first * 2 > times.count {
                times.removeFirst(first)
                first = 0
            }
        }
    }

    public init(limit: Int, window: Duration) {
        self.limit = limit
        self.window = window
    }

    /// Records an attempt by `key` at `now`; false when the key has used its budget in the window.
    public mutating func allow(_ key: String, now: ContinuousClock.Instant) -> Bool {
        var attempts = events.removeValue(forKey: key) ?? Attempts()  // removed, so the array is not copied
        attempts.dropExpired(now: now, window: window)
        let allowed = attempts.count < limit
        if allowed { attempts.times.append(now) }
        events[key] = attempts
        if events.count > 10_000 { prune(now: now) }
        return allowed
    }

    /// Forgets keys with no recent attempt, so the table does not grow without bound.
    public mutating func prune(now: ContinuousClock.Instant) {
        events = events.compactMapValues { attempts in
            var attempts = attempts
            attempts.dropExpired(now: now, window: window)
            return attempts.count == 0 ? nil : attempts
        }
    }
}
