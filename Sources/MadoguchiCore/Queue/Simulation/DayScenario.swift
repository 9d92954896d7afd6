/// One kind of day at a city hall, for `DaySimulator` to replay: who comes when, for what,
/// and how many counters are there to serve them.
///
/// Times are seconds since midnight. These are the simulator's *truth*; the estimator never
/// sees them, only what a live server would see.
public struct DayScenario: Sendable, Hashable {
    public var name: String
    /// Day of the week, 0 = Sunday … 6 = Saturday (as `CivilDate.weekday`).
    public var weekday: Int
    public var month: Int
    /// Relative walk-in arrival rate per quarter hour, from `opensAt`; 1 = the section's
    /// `walkInsPerHour`. Arrivals stop after the last quarter.
    public var arrivalWeights: [Double]
    public var opensAt: Seconds
    /// When counters that take lunch are closed.
    public var lunch: Range<Seconds>
    public var sections: [SectionPlan]
    /// The model's prior for each purpose as a share of its true mean: deliberately off, so
    /// the figures show the model learning during the day.
    public var priorShare: Double

    public init(
        name: String, weekday: Int, month: Int, arrivalWeights: [Double], opensAt: Seconds,
        lunch: Range<Seconds>, sections: [SectionPlan], priorShare: Double = 0.7
    ) {
        self.name = name
        self.weekday = weekday
        self.month = month
        self.arrivalWeights = arrivalWeights
        self.opensAt = opensAt
        self.lunch = lunch
        self.sections = sections
        self.priorShare = priorShare
    }

    /// One section's day: counters, arrivals and what people come for.
    public struct SectionPlan: Sendable, Hashable {
        /// The section key, e.g. `shimin`.
        public var key: String
        /// The section's name on the display, e.g. 市民課.
        public var name: String
        public var counters: Int
        /// Counters still open over lunch.
        public var countersAtLunch: Int
        /// Walk-ins per hour at arrival weight 1.
        public var walkInsPerHour: Double
        public var purposes: [PurposePlan]
        /// Share of tickets with a second purpose (転入 and the My Number card, say).
        public var secondPurposeShare: Double
        /// Chance that each half-hour reservation slot from 9:00 to 16:00 is booked.
        public var bookedSlotShare: Double
        public var priorityShare: Double
        public var noShowShare: Double

        public init(
            key: String, name: String, counters: Int, countersAtLunch: Int, walkInsPerHour: Double,
            purposes: [PurposePlan], secondPurposeShare: Double, bookedSlotShare: Double,
            priorityShare: Double = 0.03, noShowShare: Double = 0.025
        ) {
            self.key = key
            self.name = name
            self.counters = counters
            self.countersAtLunch = countersAtLunch
            self.walkInsPerHour = walkInsPerHour
            self.purposes = purposes
            self.secondPurposeShare = secondPurposeShare
            self.bookedSlotShare = bookedSlotShare
            self.priorityShare = priorityShare
            self.noShowShare = noShowShare
        }
    }

    /// A purpose's share of a section's visitors and its true (log-normal) service time.
    public struct PurposePlan: Sendable, Hashable {
        public var key: String
        public var share: Double
        public var meanSeconds: Seconds
        /// Log-scale spread: 0.5 is a steady procedure, 0.8 one where cases differ a lot.
        public var sigma: Double

        public init(_ key: String, share: Double, meanMinutes: Double, sigma: Double) {
            self.key = key
            self.share = share
            self.meanSeconds = meanMinutes * 60
            self.sigma = sigma
        }
    }
}
