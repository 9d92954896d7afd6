import Foundation

/// How well the wait estimates of one simulated day matched the real waits.
public struct DayReport: Sendable, Hashable, CustomStringConvertible {
    /// The figures for one section, or for the whole day.
    public struct Figures: Sendable, Hashable {
        public let name: String
        /// Tickets issued with an estimate shown (a counter was open).
        public let tickets: Int
        public let meanWait: Seconds
        /// 90th percentile of the real wait, nearest rank.
        public let p90Wait: Seconds
        /// Mean absolute error of the model's estimate at issue.
        public let modelError: Seconds
        /// Mean absolute error of the naive estimate (place × mean ÷ open counters).
        public let naiveError: Seconds
        /// Mean of estimate − real wait: positive means the model promised too long a wait.
        public let modelBias: Seconds

        /// Model error ÷ naive error: below 1 the model is better.
        public var ratio: Double { naiveError > 0 ? modelError / naiveError : .nan }

        init(name: String, outcomes: [SectionReplay.Outcome]) {
            let shown = outcomes.filter { $0.model != nil && $0.naive != nil }
            let count = Double(max(1, shown.count))
            let waits = shown.map(\.actual).sorted()
            self.name = name
            tickets = shown.count
            meanWait = waits.reduce(0, +) / count
            p90Wait = waits.isEmpty ? 0 : waits[min(waits.count, max(1, Int((0.9 * Double(waits.count)).rounded(.up)))) - 1]
            modelError = shown.reduce(0) { $0 + abs($1.model! - $1.actual) } / count
            naiveError = shown.reduce(0) { $0 + abs($1.naive! - $1.actual) } / count
            modelBias = shown.reduce(0) { $0 + ($1.model! - $1.actual) } / count
        }
    }

    public let scenario: String
    public let seed: UInt64
    public let sections: [Figures]
    public let day: Figures

    init(scenario: String, seed: UInt64, sections: [Figures], day: Figures) {
        self.scenario = scenario
        self.seed = seed
        self.sections = sections
        self.day = day
    }

    /// A small table in minutes.
    public var description: String {
        func minutes(_ seconds: Seconds) -> String { String(format: "%6.1f", seconds / 60) }
        var lines = ["\(scenario), seed \(seed)   (minutes)",
                     "section      tickets  mean  p90wait  MAEmodel  MAEnaive  ratio  bias"]
        for figures in sections + [day] {
            lines.append(
                figures.name.padding(toLength: 12, withPad: " ", startingAt: 0)
                    + String(format: "%6d", figures.tickets) + minutes(figures.meanWait)
                    + " " + minutes(figures.p90Wait) + "    " + minutes(figures.modelError)
                    + "    " + minutes(figures.naiveError) + String(format: "  %5.2f", figures.ratio)
                    + minutes(figures.modelBias))
        }
        return lines.joined(separator: "\n")
    }
}
