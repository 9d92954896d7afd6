import Foundation
import MadoguchiCore
import SQLKit

/// The hand-off outbox: what each core system is to receive, written in the same transaction as the Case's
/// hand-off (so a hand-off is never half-recorded) and kept until the core system acknowledges it.
enum Handoffs {
    static let table = "handoffs"
    static let tokenTable = "handoff_tokens"
    static let sequenceTable = "handoff_sequence"

    enum State: String, Codable, Sendable, CaseIterable {
        case waiting, fetched, delivered, acknowledged, dead, cancelled
    }

    /// Writes one row per (procedure, target) for the Case just handed off, inside that transaction.
    static func write(for stored: StoredCase, targets: [HandoffTarget], on sql: any SQLDatabase, now: Date) async throws {
        let handed = stored.procedures.filter { procedure in targets.contains { $0.procedures.contains(procedure.code) } }
        guard !handed.isEmpty else { return }
        let count = handed.reduce(0) { total, procedure in total + targets.filter { $0.procedures.contains(procedure.code) }.count }
        let reserved = try await sql.raw("""
            UPDATE \(ident: sequenceTable) SET seq = seq + \(bind: count) WHERE id = 1 RETURNING seq
            """).first()
        var seq = try (reserved?.decode(column: "seq", as: Int64.self) ?? Int64(count)) - Int64(count)
        let household = stored.household.people.first(where: { $0.relation == .head })?.residentCode.map { "resident:" + $0 }
            ?? "case:" + stored.id.uuidString.lowercased()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for procedure in handed {
            var movementWritten = false
            for target in targets where target.procedures.contains(procedure.code) {
                let id = UUID()
                seq += 1
                let payload = HandoffPayload(id: id, target: target.id, procedure: procedure, of: stored,
                                             notifiedOn: JapanTime.dayAndMinute(now.timeIntervalSince1970).date)
                try await sql.insert(into: table)
                    .columns("id", "seq", "target", "case_id", "procedure_code", "household_key", "payload", "state", "attempts", "created_at")
                    .values(SQLBind(id.uuidString.lowercased()), SQLBind(seq), SQLBind(target.id), SQLBind(stored.id.uuidString),
                            SQLBind(procedure.code), SQLBind(household), SQLBind(String(decoding: try encoder.encode(payload), as: UTF8.self)),
                            SQLBind(State.waiting.rawValue), SQLBind(0), SQLBind(now.timeIntervalSince1970))
                    .run()
                // The register copy shows the movement as pending until the core system confirms it (once per
                // procedure, whichever systems it goes to).
                if !movementWritten, payload.movement != nil {
                    try await ResidentChanges.write(payload, caseID: stored.id, on: sql, now: now)
                    movementWritten = true
                }
            }
        }
    }
}
