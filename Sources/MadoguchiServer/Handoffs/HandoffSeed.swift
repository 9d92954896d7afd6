import Foundation
import MadoguchiCore
import SQLKit
import Vapor

/// Synthetic hand-offs for the benchmark and the delivery tests: `count` rows in the outbox of one target,
/// spread over `households` households (so each household has several in order), as if that many Cases had been
/// handed off. Never used by the product itself.
enum HandoffSeed {
    static func insert(_ app: Application, target: String, procedure: String, count: Int, households: Int) async throws -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var ids: [String] = []
        let now = Date().timeIntervalSince1970
        for start in stride(from: 0, to: count, by: 500) {
            let size = min(500, count - start)
            let chunk: [String] = try await app.writeTransaction { db in
                let sql = try db.sql()
                let reserved = try await sql.raw("UPDATE \(ident: Handoffs.sequenceTable) SET seq = seq + \(bind: size) WHERE id = 1 RETURNING seq").first()
                var seq = try (reserved?.decode(column: "seq", as: Int64.self) ?? Int64(size)) - Int64(size)
                var made: [String] = []
                for index in start..<(start + size) {
                    seq += 1
                    let id = UUID().uuidString.lowercased()
                    let household = "bench:\(index % max(1, households))"
                    let payload = try payload(id: id, target: target, procedure: procedure, index: index)
                    try await sql.insert(into: Handoffs.table)
                        .columns("id", "seq", "target", "case_id", "procedure_code", "household_key", "payload", "state", "attempts", "created_at")
                        .values(SQLBind(id), SQLBind(seq), SQLBind(target), SQLBind(UUID().uuidString), SQLBind(procedure), SQLBind(household),
                                SQLBind(String(decoding: try encoder.encode(payload), as: UTF8.self)),
                                SQLBind(Handoffs.State.waiting.rawValue), SQLBind(0), SQLBind(now))
                        .run()
                    made.append(id)
                }
                return made
            }
            ids += chunk
        }
        return ids
    }

    /// A one-person move-in, its name carrying characters a careless path would change (𠮷, 髙, 﨑).
    static func payload(id: String, target: String, procedure: String, index: Int) throws -> HandoffPayload {
        let json: [String: Any] = [
            "version": HandoffPayload.currentVersion, "id": id, "target": target, "procedure": procedure,
            "caseReference": String(format: "B-%06d", index), "eventKind": "move-in", "movement": "国内転入",
            "eventDate": "2026-11-20", "notificationDate": "2026-11-24",
            "addresses": ["new": ["postcode": "3214395", "prefecture": "栃木県", "city": "真岡市", "town": "荒町", "banchi": "\(index % 5000 + 1)番地"]],
            "people": [["number": 1, "familyName": ["𠮷田", "髙橋", "山﨑", "佐藤"][index % 4], "givenName": "花子", "familyKana": "ヨシダ",
                        "givenKana": "ハナコ", "birthDate": "1990-01-01", "sex": 2, "relation": "head", "nationality": "JP"]],
        ]
        return try JSONDecoder().decode(HandoffPayload.self, from: JSONSerialization.data(withJSONObject: json))
    }
}
