import Foundation
import MadoguchiCore
import Vapor

/// What `madoguchi residents import` does, kept in the server module so it is tested like the rest.
public enum ResidentAdministration {
    /// Imports a core system's extract into the register copy and says what changed; a file with any problem
    /// throws with every problem listed (file and line), and nothing is written.
    public static func `import`(_ app: Application, file path: String, incremental: Bool) async throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw StartupError("Cannot read \(path).") }
        guard let text = String(data: data, encoding: .utf8) else {
            throw StartupError("\(path) is not UTF-8 text (export the extract as UTF-8; see docs/resident-extract.md).")
        }
        let name = URL(fileURLWithPath: path).lastPathComponent
        let extract: ResidentExtract
        do {
            extract = try ResidentExtract.read(csv: text, file: name, kind: incremental ? .incremental : .full)
        } catch {
            throw StartupError("\(name) was not imported; nothing changed. Problems:\n\(error)")
        }
        let started = Date()
        let outcome = try await ResidentCopy.import(extract, writes: app.writePath, vault: app.madoguchi.vault)
        let entry = AuditEntry(at: Date(), actor: "system", action: AuditAction.residentsImported.rawValue, caseID: nil,
                               detail: "\(extract.kind.rawValue) \(name): \(outcome)", address: nil)
        try await app.writeTransaction { db in try await entry.create(on: db) }
        return "Imported \(name) (\(extract.kind.rawValue)) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s: \(outcome)."
    }
}

extension ResidentAdministration {
    /// Times each query `times` times on the copy, the way the counter searches (20 results at most).
    public static func benchmark(_ app: Application, queries: [String], times: Int) async throws -> [String] {
        let directory = app.residents
        var lines = ["Resident search on \(try await ResidentCopy.count(on: app.db)) residents (\(times) runs each, 20 results at most):"]
        let clock = ContinuousClock()
        for query in queries {
            var found = 0
            _ = try await directory.search(query, limit: 20)  // warm-up
            var samples: [Double] = []
            for _ in 0..<times {
                let elapsed = try await clock.measure { found = try await directory.search(query, limit: 20).count }
                samples.append(Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15)
            }
            samples.sort()
            let mean = samples.reduce(0, +) / Double(samples.count)
            let p99 = samples[min(samples.count - 1, Int(Double(samples.count) * 0.99))]
            lines.append(String(format: "  %@ → %d found: mean %.2f ms · p99 %.2f ms", query, found, mean, p99))
        }
        return lines
    }
}
