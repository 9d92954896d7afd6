import Fluent
import Foundation
import MadoguchiCore
import SQLKit

/// The copy of the resident register in the database: imported from the core system's extracts
/// (`ResidentExtract`), each import one transaction through the one write path (a file with any problem is
/// refused before anything is written), and searched by the counter (`SQLResidentDirectory`).
enum ResidentCopy {
    static let table = "residents"
    static let versionTable = "resident_copy_version"

    /// The copy's version: every import increments it.
    static func version(on db: any Database) async throws -> Int {
        let sql = try db.sql()
        let row = try await sql.select().column("version").from(versionTable).where("id", .equal, SQLBind(1)).first()
        return try row?.decode(column: "version", as: Int.self) ?? 0
    }

    /// What an import did.
    struct Outcome: Sendable, Equatable, CustomStringConvertible {
        var stored = 0
        var removed = 0
        /// Incremental rows older than what the copy holds for that resident.
        var skippedAsOlder = 0
        var description: String {
            "\(stored) residents stored, \(removed) marked as left the register, \(skippedAsOlder) skipped (older than the copy)"
        }
    }

    /// Rows per INSERT: well under the bind limits of SQLite (32,766) and PostgreSQL (65,535).
    static let batch = 500

    static func `import`(_ extract: ResidentExtract, writes: WritePath, vault: PersonalDataVault,
                         now: Date = Date()) async throws -> Outcome {
        // Sealed before the transaction: the write path is held only for the writes.
        let prepared = try extract.rows.map { row in
            (row: row, keys: ResidentSearchKeys(row.resident),
             sealed: try row.resident.myNumber.map { try vault.seal($0.digits, purpose: myNumberPurpose(row.resident.code)) })
        }
        let at = now.timeIntervalSince1970
        return try await writes.transaction { db in
            let sql = try db.sql()
            var outcome = Outcome()
            var placed: [(Int64, Prepared)] = []
            switch extract.kind {
            case .full:
                try await sql.delete(from: table).run()
                placed = prepared.enumerated().map { (Int64($0.offset + 1), $0.element) }
            case .incremental:
                // A row replaces the resident it names unless the copy already holds a later movement; a resident
                // already in the copy keeps their place in register order, a new one comes last.
                let known = try await stored(prepared.map(\.row.resident.code), on: sql)
                let last = try await sql.select().column(SQLFunction("MAX", args: SQLColumn("ordinal")), as: "last").from(table).first()
                var ordinal = try last?.decode(column: "last", as: Int64?.self) ?? 0
                for item in prepared {
                    let code = item.row.resident.code
                    if let stored = known[code]?.changedOn, let new = item.row.changedOn?.iso, new < stored {
                        outcome.skippedAsOlder += 1
                        continue
                    }
                    if let place = known[code]?.ordinal {
                        placed.append((place, item))
                    } else {
                        ordinal += 1
                        placed.append((ordinal, item))
                    }
                }
                let replaced = placed.map(\.1.row.resident.code).filter { known[$0] != nil }
                for start in stride(from: 0, to: replaced.count, by: batch) {
                    try await sql.delete(from: table).where("code", .in, Array(replaced[start..<min(start + batch, replaced.count)])).run()
                }
            }
            try await sql.raw("UPDATE \(ident: versionTable) SET version = version + 1 WHERE id = 1").run()
            // What the extract brought in no longer needs showing as a confirmed change.
            try await ResidentChanges.settled(codes: placed.map(\.1.row.resident.code), on: sql)
            return try await insert(placed, at: at, on: sql, outcome: outcome)
        }
    }

    typealias Prepared = (row: ResidentExtractRow, keys: ResidentSearchKeys, sealed: String?)

    /// The 異動日 and place of the residents of `codes` the copy holds.
    private static func stored(_ codes: [String], on sql: any SQLDatabase) async throws -> [String: (changedOn: String?, ordinal: Int64)] {
        var known: [String: (changedOn: String?, ordinal: Int64)] = [:]
        for start in stride(from: 0, to: codes.count, by: batch) {
            let part = Array(codes[start..<min(start + batch, codes.count)])
            for row in try await sql.select().columns("code", "changed_on", "ordinal").from(table).where("code", .in, part).all() {
                known[try row.decode(column: "code", as: String.self)] =
                    (try row.decode(column: "changed_on", as: String?.self), try row.decode(column: "ordinal", as: Int64.self))
            }
        }
        return known
    }

    private static func insert(_ placed: [(Int64, Prepared)], at: Double,
                               on sql: any SQLDatabase, outcome: Outcome) async throws -> Outcome {
        var outcome = outcome
        for start in stride(from: 0, to: placed.count, by: batch) {
            var insert = sql.insert(into: table)
                .columns("code", "household", "ordinal", "birth_date", "search_name", "search_kana", "search_alpha", "removed",
                         "changed_on", "record", "my_number_sealed", "imported_at")
            for (ordinal, item) in placed[start..<min(start + batch, placed.count)] {
                let resident = item.row.resident
                let removed = item.row.removedOn != nil
                if removed { outcome.removed += 1 } else { outcome.stored += 1 }
                insert = insert.values(SQLBind(resident.code), SQLBind(resident.household), SQLBind(ordinal), SQLBind(resident.birthDate.iso),
                                       SQLBind(item.keys.name), SQLBind(item.keys.kana), SQLBind(item.keys.alphabet), SQLBind(removed ? 1 : 0),
                                       SQLBind(item.row.changedOn?.iso), SQLBind(item.row.storedLine), SQLBind(item.sealed), SQLBind(at))
            }
            try await insert.run()
        }
        return outcome
    }

    /// The associated data a resident's sealed 個人番号 is bound to.
    static func myNumberPurpose(_ code: String) -> String { "residents.my_number:\(code)" }

    /// Whether nothing was ever imported.
    static func isEmpty(on db: any Database) async throws -> Bool {
        let sql = try db.sql()
        return try await sql.select().column("code").from(table).limit(1).first() == nil
    }

    /// How many residents the copy finds (not those who left).
    static func count(on db: any Database) async throws -> Int {
        let sql = try db.sql()
        let row = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
            .where("removed", .equal, SQLBind(0)).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }
}
