import Fluent
import Foundation
import MadoguchiCore
import SQLKit

/// Movements (異動) the counter handed to the registry that its copy does not show yet: written with the hand-off
/// (*pending*), confirmed when the core system acknowledges it (with the 住民票コード it assigned), and gone
/// once an extract brings the resident into the copy. The counter's search shows them beside the copy, so a
/// citizen who moved in this morning is found before tonight's extract.
enum ResidentChanges {
    static let table = "resident_changes"

    enum State: String, Sendable { case pending, confirmed }

    struct Change: Sendable, Equatable {
        let caseID: UUID
        let caseReference: String
        let movement: String
        let eventDate: String?
        let familyName: String
        let givenName: String
        let familyKana: String
        let givenKana: String
        let birthDate: String?
        let address: String
        let residentCode: String?
        let state: State
    }

    /// One row per person of a hand-off that is a 住民異動, inside the hand-off's transaction.
    static func write(_ payload: HandoffPayload, caseID: UUID, on sql: any SQLDatabase, now: Date) async throws {
        guard let movement = payload.movement else { return }
        let address = (payload.addresses["new"] ?? payload.addresses["current"]).map { [$0.prefecture, $0.city, $0.town, $0.banchi, $0.katagaki ?? ""].joined() } ?? ""
        for person in payload.people {
            try await sql.insert(into: table)
                .columns("id", "handoff_id", "person_number", "case_id", "case_reference", "movement", "event_date", "family_name", "given_name",
                         "family_kana", "given_kana", "birth_date", "address", "resident_code", "state", "created_at", "search_text")
                .values(SQLBind(UUID().uuidString.lowercased()), SQLBind(payload.id), SQLBind(person.number), SQLBind(caseID.uuidString),
                        SQLBind(payload.caseReference), SQLBind(movement), SQLBind(payload.eventDate), SQLBind(person.familyName),
                        SQLBind(person.givenName), SQLBind(person.familyKana), SQLBind(person.givenKana), SQLBind(person.birthDate),
                        SQLBind(address), SQLBind(person.residentCode), SQLBind(State.pending.rawValue), SQLBind(now.timeIntervalSince1970),
                        SQLBind(person.familyName + person.givenName + "\n" + person.familyKana + person.givenKana))
                .run()
        }
    }

    /// The core system has the hand-off: its changes are confirmed, with the codes it assigned (person number →
    /// 住民票コード) where it answered them.
    static func confirm(handoff id: String, codes: [Int: String], on sql: any SQLDatabase, now: Date) async throws {
        try await sql.update(table).set("state", to: SQLBind(State.confirmed.rawValue)).set("confirmed_at", to: SQLBind(now.timeIntervalSince1970))
            .where("handoff_id", .equal, SQLBind(id)).run()
        for (number, code) in codes {
            try await sql.update(table).set("resident_code", to: SQLBind(code))
                .where("handoff_id", .equal, SQLBind(id)).where("person_number", .equal, SQLBind(number)).run()
        }
    }

    /// An extract brought these residents into the copy: their confirmed changes are shown by the copy now.
    static func settled(codes: [String], on sql: any SQLDatabase) async throws {
        for start in stride(from: 0, to: codes.count, by: 500) {
            try await sql.delete(from: table).where("state", .equal, SQLBind(State.confirmed.rawValue))
                .where("resident_code", .in, Array(codes[start..<min(start + 500, codes.count)])).run()
        }
    }

    /// The changes matching what staff typed at the counter (as the copy's search reads it: a code, a birth date,
    /// or part of a name or reading), newest first.
    static func matching(_ text: String, on db: any Database, limit: Int = 20) async throws -> [Change] {
        guard let query = ResidentSearchKeys.query(text) else { return [] }
        let select = try db.sql().select().columns("case_id", "case_reference", "movement", "event_date", "family_name", "given_name", "family_kana",
                                                  "given_kana", "birth_date", "address", "resident_code", "state").from(table)
        switch query {
        case .code(let code): select.where("resident_code", .equal, SQLBind(code))
        case .birthDate(let date): select.where("birth_date", .equal, SQLBind(date.iso))
        case .name:
            // Few rows (a day or two of the counter's movements): the plain text is compared as typed, without spaces.
            let typed = text.filter { !$0.isWhitespace }
            let pattern = "%" + typed.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
            select.where("search_text", .like, SQLBind(pattern))
        }
        return try await select.orderBy("created_at", .descending).limit(limit).all().map { row in
            Change(caseID: UUID(uuidString: try row.decode(column: "case_id", as: String.self)) ?? UUID(),
                   caseReference: try row.decode(column: "case_reference", as: String.self),
                   movement: try row.decode(column: "movement", as: String.self),
                   eventDate: try row.decode(column: "event_date", as: String?.self),
                   familyName: try row.decode(column: "family_name", as: String.self), givenName: try row.decode(column: "given_name", as: String.self),
                   familyKana: try row.decode(column: "family_kana", as: String.self), givenKana: try row.decode(column: "given_kana", as: String.self),
                   birthDate: try row.decode(column: "birth_date", as: String?.self), address: try row.decode(column: "address", as: String.self),
                   residentCode: try row.decode(column: "resident_code", as: String?.self),
                   state: State(rawValue: try row.decode(column: "state", as: String.self)) ?? .pending)
        }
    }
}

/// Migration 017 - the movements handed to the registry that its copy does not show yet.
struct CreateResidentChanges: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(table: ResidentChanges.table)
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("handoff_id", type: .text, .notNull)
            .column("person_number", type: .int, .notNull)
            .column("case_id", type: .text, .notNull)
            .column("case_reference", type: .text, .notNull)
            .column("movement", type: .text, .notNull)
            .column("event_date", type: .text)
            .column("family_name", type: .text, .notNull)
            .column("given_name", type: .text, .notNull)
            .column("family_kana", type: .text, .notNull)
            .column("given_kana", type: .text, .notNull)
            .column("birth_date", type: .text)
            .column("address", type: .text, .notNull)
            // 氏名 and フリガナ run together, for the counter's search.
            .column("search_text", type: .text, .notNull)
            .column("resident_code", type: .text)
            .column("state", type: .text, .notNull)
            .column("created_at", type: .custom(SQLRaw("DOUBLE PRECISION")), .notNull)
            .column("confirmed_at", type: .custom(SQLRaw("DOUBLE PRECISION")))
            .run()
        try await sql.create(index: "resident_changes_handoff").on(ResidentChanges.table).column("handoff_id").run()
        try await sql.create(index: "resident_changes_code").on(ResidentChanges.table).column("resident_code").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ResidentChanges.table).delete()
    }
}
