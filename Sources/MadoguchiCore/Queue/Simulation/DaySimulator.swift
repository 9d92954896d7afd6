/// Replays a city-hall day deterministically and scores the wait estimator against the
/// naive estimate on it.
///
/// Each section's day is drawn from the scenario and the seed (`SectionTruth`), then lived
/// through with the same `CallOrder` the server uses (`SectionReplay`). The service-time
/// model starts the day from deliberately wrong priors and learns from every finished ticket.
public enum DaySimulator: Sendable {
    /// The figures of one simulated day; the same scenario and seed always give the same report.
    public static func run(scenario: DayScenario, seed: UInt64) -> DayReport {
        var seeds = SplitMix64(seed: seed)
        var all: [SectionReplay.Outcome] = []
        var sections: [DayReport.Figures] = []
        for plan in scenario.sections {
            var rng = SplitMix64(seed: seeds.next())
            let truth = SectionTruth(plan: plan, scenario: scenario, rng: &rng)
            var replay = SectionReplay(truth: truth, scenario: scenario)
            let outcomes = replay.run()
            sections.append(DayReport.Figures(name: plan.key, outcomes: outcomes))
            all += outcomes
        }
        return DayReport(
            scenario: scenario.name, seed: seed, sections: sections,
            day: DayReport.Figures(name: "day", outcomes: all))
    }
}
