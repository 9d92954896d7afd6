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

    @Option(help: "Timed repetitions of each benchmark.")
    var iterations: Int = 20_000

    func run() async throws {
        let loaded: Catalog
        do { loaded = try CatalogLoader.load(directory: catalog) } catch { throw ValidationError("\(error)") }
        let engine = RuleEngine(catalog: loaded)
        let parser = GuideRequestParser(catalog: loaded)
        let body = Data(Self.sixMemberMoveIn.utf8)
        let event = try parser.parse(json: body)
        let procedures = engine.evaluate(event).count

        print("Madoguchi benchmarks (\(iterations) iterations each)")
        report("rules: 6-member move-in → \(procedures) procedures", measure { _ = engine.evaluate(event) })
        report("guide: parse JSON + evaluate (6 members)", measure { _ = try? engine.evaluate(parser.parse(json: body)) })
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

    /// Two parents, two school children, a grandmother with care needs and a baby on the way: most rules fire.
    static let sixMemberMoveIn = """
        {"event":"move-in","eventDate":"2026-04-01","notificationDate":"2026-04-03","plannedMoveOutDate":"2026-03-28",
         "household":{"dogs":1,"mopeds":1},
         "members":[
          {"id":"a","relation":"head","sex":"male","birthDate":"1984-05-10","insurance":"national","myNumberCard":"standard","wantsSealRegistration":true},
          {"id":"b","relation":"spouse","sex":"female","birthDate":"1987-09-02","insurance":"national","myNumberCard":"face-auth","pregnant":true},
          {"id":"c","relation":"child","sex":"female","birthDate":"2015-06-20","insurance":"national"},
          {"id":"d","relation":"child","sex":"male","birthDate":"2018-11-03","insurance":"national","needsNursery":false},
          {"id":"e","relation":"parent","sex":"female","birthDate":"1950-03-15","insurance":"late-elderly","careCertification":"care2","receives":["pension"]},
          {"id":"f","relation":"other","sex":"male","birthDate":"1961-04-01","insurance":"national","disabilityCertificate":true}
         ]}
        """
}
