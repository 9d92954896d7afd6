extension WaitEstimator {
    /// One counter (窓口) of the section, as the estimator needs to know it.
    ///
    /// A counter that closes for lunch and reopens afterwards is two entries: one open now
    /// with `closesAt`, one with `opensAt` after lunch.
    public struct Counter: Sendable, Hashable {
        /// The ticket at the counter now; nil when the counter is free.
        public var serving: Serving?
        /// When the counter opens; nil when it is open now.
        public var opensAt: Seconds?
        /// When the counter stops calling (it finishes the ticket in hand first); nil when it
        /// calls until the queue is empty, as counters do at the end of the day.
        public var closesAt: Seconds?

        public init(serving: Serving? = nil, opensAt: Seconds? = nil, closesAt: Seconds? = nil) {
            self.serving = serving
            self.opensAt = opensAt
            self.closesAt = closesAt
        }
    }

    /// The ticket a counter is serving: what it is for and when service started.
    public struct Serving: Sendable, Hashable {
        public var purposes: [String]
        public var startedAt: Seconds

        public init(purposes: [String], startedAt: Seconds) {
            self.purposes = purposes
            self.startedAt = startedAt
        }
    }

    /// A booked visitor who has not checked in yet: they join the reservation lane at `slot`.
    public struct UpcomingReservation: Sendable, Hashable {
        public var slot: Seconds
        public var purposes: [String]
        public var priority: Bool

        public init(slot: Seconds, purposes: [String], priority: Bool = false) {
            self.slot = slot
            self.purposes = purposes
            self.priority = priority
        }
    }
}
