import ArgumentParser
import Foundation
import MadoguchiServer

/// `madoguchi residents import`: the register copy fed from the core system's extract.
struct Residents: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The copy of the resident register (住民記録).", subcommands: [Import.self, Bench.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a core system's extract (CSV, layout in docs/resident-extract.md); a file with any problem changes nothing.")

        @OptionGroup var instance: InstanceOptions

        @Flag(help: "The file holds only the residents changed since the last extract (each with its changedOn).")
        var incremental = false

        @Argument(help: "The extract, a UTF-8 CSV file.")
        var file: String

        func run() async throws {
            let message = try await instance.withPreparedApplication { app in
                return try await ResidentAdministration.import(app, file: file, incremental: incremental)
            }
            print(message)
        }
    }
}

extension Residents {
    /// `madoguchi residents bench`: how long the counter's search takes on the copy as it is (import an extract
    /// first, e.g. `Benchmarks/residents/generate.py`); prints timings only, never a resident.
    struct Bench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time the counter's resident search on the register copy (target: < 50 ms on 100,000 residents).")

        @OptionGroup var instance: InstanceOptions

        @Option(help: "Timed repetitions of each query.")
        var times: Int = 50

        @Argument(help: "The queries (default: a reading, a kanji name with a variant, a birth date, a code, nothing found).")
        var queries: [String] = ["タカハシ", "高橋", "昭和59年2月12日", "70000001001", "該当なし"]

        func run() async throws {
            let lines = try await instance.withPreparedApplication { app in
                return try await ResidentAdministration.benchmark(app, queries: queries, times: max(1, times))
            }
            print(lines.joined(separator: "\n"))
        }
    }
}
