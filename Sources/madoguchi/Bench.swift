import ArgumentParser
import Foundation
import MadoguchiCore

/// `madoguchi bench`: the in-process benchmarks whose figures the README reports.
/// Build with `-c release` for meaningful numbers; the HTTP load test is `Benchmarks/guide-load.sh`.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure rule evaluation (target < 50 µs for a 6-member household) and request parsing.")

    @Option(help: "The catalog folder.")
    var catalog: String = "Catalog"

    @Option(help: "The guide request to evaluate: a six-member move-in where most rules fire.")
    var household: String = "Benchmarks/six-member-move-in.json"

    @Option(help: "Timed repetitions of each benchmark.")
    var iterations: Int = 20_000

    func run() async throws {
        let loaded: Catalog
        do { loaded = try CatalogLoader.load(directory: catalog) } catch { throw ValidationError("\(error)") }
        let engine = RuleEngine(catalog: loaded)
        let parser = GuideRequestParser(catalog: loaded)
        guard let body = FileManager.default.contents(atPath: household) else {
            throw ValidationError("Cannot read \(household).")
        }
        let event = try parser.parse(json: body)
        let procedures = engine.evaluate(event).count

        print("Madoguchi benchmarks (\(iterations) iterations each)")
        report("rules: \(event.members.count)-member \(event.kind) → \(procedures) procedures", measure { _ = engine.evaluate(event) })
        report("guide: parse JSON + evaluate (\(event.members.count) members)", measure { _ = try? engine.evaluate(parser.parse(json: body)) })
    }

    private func measure(_ work: () -> Void) -> [Double] {
        for _ in 0..<min(1_000, iterations) { work() }  // warm-up
        var samples: [Double] = []
        samples.reserveCapacity(iterations)
        let clock = ContinuousClock()
        for _ in 0..<iterations {
            let elapsed = clock.measure(work)
            samples.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
        }
        return samples.sorted()
    }

    private func report(_ name: String, _ sorted: [Double]) {
        func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
        let mean = sorted.reduce(0, +) / Double(sorted.count)
        print(String(format: "  %@\n    mean %.2f µs · median %.2f µs · p99 %.2f µs · max %.2f µs",
                     name, mean, percentile(0.5), percentile(0.99), sorted.last ?? 0))
    }
}
