/// A per-key budget of actions in a sliding window (submissions or status look-ups per address).
///
/// A value type: the server keeps one behind a lock. The clock is passed in, so tests control time.
public struct RateLimiter: Sendable {
    public let limit: Int
    public let window: Duration
    private var events: [String: [ContinuousClock.Instant]] = [:]

    public init(limit: Int, window: Duration) {
        self.limit = limit
        self.window = window
    }

    /// Records an attempt by `key` at `now`; false when the key has used its budget in the window.
    public mutating func allow(_ key: String, now: ContinuousClock.Instant) -> Bool {
        var recent = (events[key] ?? []).filter { now - $0 < window }
        guard recent.count < limit else {
            events[key] = recent
            return false
        }
        recent.append(now)
        events[key] = recent
        if events.count > 10_000 { prune(now: now) }
        return true
    }

    /// Forgets keys with no recent attempt, so the table does not grow without bound.
    public mutating func prune(now: ContinuousClock.Instant) {
        events = events.compactMapValues { times in
            let recent = times.filter { now - $0 < window }
            return recent.isEmpty ? nil : recent
        }
    }
}
