/// Typical waits by weekday and hour, from the waits tickets really had: what the congestion page
/// charts so citizens can pick a quiet time. The median, so one bad morning does not paint a whole column.
public struct TypicalWaits: Sendable, Equatable {
    /// One real wait: the weekday (0 = Sunday … 6 = Saturday) and hour (Japan time) the visitor joined the
    /// line, and the minutes until they were called.
    public struct Sample: Sendable {
        public let weekday: Int
        public let hour: Int
        public let minutes: Double

        public init(weekday: Int, hour: Int, minutes: Double) {
            self.weekday = weekday
            self.hour = hour
            self.minutes = minutes
        }
    }

    /// Weekdays shown, Monday first (city halls close at weekends).
    public let weekdays: [Int]
    public let hours: [Int]
    /// `minutes[w][h]`: the median wait, or nil with fewer than `minimumSamples` samples.
    public let minutes: [[Double?]]

    /// Fewer samples than this say too little to show.
    public static let minimumSamples = 3

    public init(samples: [Sample], weekdays: [Int] = [1, 2, 3, 4, 5], hours: [Int]) {
        self.weekdays = weekdays
        self.hours = hours
        var buckets: [[[Double]]] = Array(repeating: Array(repeating: [], count: hours.count), count: weekdays.count)
        for sample in samples {
            guard let w = weekdays.firstIndex(of: sample.weekday), let h = hours.firstIndex(of: sample.hour),
                  sample.minutes.isFinite, sample.minutes >= 0 else { continue }
            buckets[w][h].append(sample.minutes)
        }
        minutes = buckets.map { row in
            row.map { values in values.count >= Self.minimumSamples ? Percentiles.median(values) : nil }
        }
    }

    /// The hours of a day the counters are open: from the opening hour to the one in which they close.
    public static func hours(_ opening: OpeningHours) -> [Int] {
        Array((opening.open / 60)...((opening.close - 1) / 60))
    }
}
