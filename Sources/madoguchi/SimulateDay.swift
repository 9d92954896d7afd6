import ArgumentParser
import MadoguchiCore

/// `madoguchi simulate-day`: replays city-hall days of arrivals and reports how far the wait estimates
/// shown at ticket time were from the real waits, against the naive estimate (position × mean ÷ counters).
struct SimulateDay: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate-day",
        abstract: "Measure the wait estimator against the naive estimate on simulated days (target: under 0.6× its error).")

    @Option(help: "How many days (seeds) to replay for each scenario.")
    var seeds: Int = 5

    @Flag(help: "Print each day's table, not only the summary.")
    var tables = false

    func run() throws {
        guard seeds >= 1 else { throw ValidationError("--seeds must be at least 1.") }
        for scenario in [DayScenario.mondayInApril, .ordinaryWednesday] {
            var ratios: [Double] = []
            var modelError = 0.0, naiveError = 0.0, tickets = 0
            for seed in 1...UInt64(seeds) {
                let report = DaySimulator.run(scenario: scenario, seed: seed)
                if tables { print(report, terminator: "\n\n") }
                ratios.append(report.day.ratio)
                modelError += report.day.modelError
                naiveError += report.day.naiveError
                tickets += report.day.tickets
            }
            print("\(scenario.name): \(tickets) tickets over \(seeds) days; mean absolute error of the estimate "
                + "shown at ticket time: model \(minutes(modelError / Double(seeds))), naive \(minutes(naiveError / Double(seeds))); "
                + "model ÷ naive = \(percent(modelError / naiveError)) (worst day \(percent(ratios.max() ?? 0)))")
        }
    }

    private func minutes(_ seconds: Double) -> String { String(format: "%.1f min", seconds / 60) }
    private func percent(_ value: Double) -> String { String(Int((value * 100).rounded())) + "%" }
}
