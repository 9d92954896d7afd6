import Fluent
import Foundation
import MadoguchiCore
import SQLKit
import Vapor

/// The rows a saved or submitted Case writes, as plain SQL statements instead of Fluent models: a draft save
/// under load spent a quarter of the server's time in Fluent's reflection over the models' fields (`perf`
/// during `Benchmarks/submissions`). The values are bound exactly as Fluent binds them (the same SQLKit
/// encoders), so the rows read back through the models unchanged; PostgreSQL's enum columns get literals.
enum CaseRows {
    /// The Case's fixed facts and the values a save checks, read (and on PostgreSQL locked) in the transaction.
    struct Head {
        let reference: String
        let channel: String
        let state: CaseState
        let staffInputs: Int
    }

    static func head(_ id: UUID, lock: Bool, on sql: any SQLDatabase) async throws -> Head? {
        let forUpdate = lock && sql.dialect.name == "postgresql" ? " FOR UPDATE" : ""
        guard let row = try await sql.raw("""
            SELECT reference, channel, state, staff_inputs FROM \(ident: CaseRecord.schema) WHERE id = \(bind: id)\(unsafeRaw: forUpdate)
            """).first() else { return nil }
        let state = try row.decode(column: "state", as: String.self)
        guard let known = CaseState(rawValue: state) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "unknown case state '\(state)'"))
        }
        return Head(reference: try row.decode(column: "reference", as: String.self), channel: try row.decode(column: "channel", as: String.self),
                    state: known, staffInputs: try row.decode(column: "staff_inputs", as: Int.self))
    }

    /// The household's own columns, the staff inputs added, and an online draft's contact when given.
    static func updateHousehold(_ id: UUID, _ household: CaseHousehold, addingInputs inputs: Int, contact: DraftContact?,
                                on sql: any SQLDatabase) async throws {
        var update = sql.update(CaseRecord.schema)
            .set("event_date", to: household.eventDate?.iso)
            .set("notification_date", to: household.notificationDate?.iso)
            .set("planned_move_out_date", to: household.plannedMoveOutDate?.iso)
            .set("known_date", to: household.knownDate?.iso)
            .set("from_abroad", to: household.fromAbroad)
            .set("dogs", to: household.dogs)
            .set("mopeds", to: household.mopeds)
            .set("old_address", to: household.addresses[.old].map(AddressRecord.init))
            .set("new_address", to: household.addresses[.new].map(AddressRecord.init))
            .set(SQLColumn("staff_inputs"), to: SQLBinaryExpression(SQLColumn("staff_inputs"), .add, SQLBind(inputs)))
            .set("updated_at", to: Date())
        if let contact {
            update = update.set("contact_email", to: contact.email).set("draft_expires_at", to: contact.expiresAt)
        }
        try await update.where("id", .equal, id).run()
    }

    /// A stored person's sealed 個人番号, kept across saves unless changed.
    struct SealedNumber {
        let sealed: String?
        let last4: String?
    }

    static func sealedNumbers(of id: UUID, on sql: any SQLDatabase) async throws -> [UUID: SealedNumber] {
        let rows = try await sql.select().columns("id", "my_number_sealed", "my_number_last4").from(CaseMemberRecord.schema)
            .where("case_id", .equal, id).all()
        var numbers: [UUID: SealedNumber] = [:]
        for row in rows {
            numbers[try row.decode(column: "id", as: UUID.self)] = SealedNumber(
                sealed: try row.decode(column: "my_number_sealed", as: String?.self), last4: try row.decode(column: "my_number_last4", as: String?.self))
        }
        return numbers
    }

    private static let memberColumns = ["id", "case_id", "position", "resident_code", "family_name", "given_name", "family_kana",
                                        "given_kana", "birth_date", "sex", "relation", "nationality", "residence_status",
                                        "residence_expiry", "residence_card_number", "my_number_sealed", "my_number_last4", "facts"]

    /// Replaces the Case's people with these rows (ids kept), in order.
    static func replacePeople(of id: UUID, with people: [(id: UUID, person: CasePerson, number: SealedNumber)],
                              on sql: any SQLDatabase) async throws {
        try await sql.delete(from: CaseMemberRecord.schema).where("case_id", .equal, id).run()
        guard !people.isEmpty else { return }
        var insert = sql.insert(into: CaseMemberRecord.schema).columns(memberColumns)
        for (index, entry) in people.enumerated() {
            let person = entry.person
            insert = insert.values([
                SQLBind(entry.id), SQLBind(id), SQLBind(index + 1), SQLBind(person.residentCode),
                SQLBind(person.familyName), SQLBind(person.givenName), SQLBind(person.familyKana), SQLBind(person.givenKana),
                SQLBind(person.birthDate?.iso), SQLBind(person.sex?.rawValue ?? ""), SQLBind(person.relation?.rawValue ?? ""),
                SQLBind(person.nationality), SQLBind(person.residenceStatus), SQLBind(person.residenceExpiry?.iso),
                SQLBind(person.residenceCardNumber),
                SQLBind(entry.number.sealed), SQLBind(entry.number.last4), SQLBind(MemberFacts(person.answers)),
            ] as [any SQLExpression])
        }
        try await insert.run()
    }

    /// Replaces the Case's procedures.
    static func replaceProcedures(of id: UUID, with procedures: [CaseProcedure], on sql: any SQLDatabase) async throws {
        try await sql.delete(from: CaseProcedureRecord.schema).where("case_id", .equal, id).run()
        guard !procedures.isEmpty else { return }
        let now = Date()
        var insert = sql.insert(into: CaseProcedureRecord.schema)
            .columns("id", "case_id", "code", "section", "members", "deadline", "status", "returned_reason", "updated_at")
        for procedure in procedures {
            insert = insert.values([
                SQLBind(UUID()), SQLBind(id), SQLBind(procedure.code), SQLBind(procedure.section), SQLBind(procedure.members),
                SQLBind(procedure.deadline?.iso), SQLLiteral.string(procedure.status.rawValue), SQLBind(procedure.returnedReason),
                SQLBind(now),
            ] as [any SQLExpression])
        }
        try await insert.run()
    }

    static func addTimeline(_ id: UUID, _ actor: CaseActor, _ what: String, on sql: any SQLDatabase) async throws {
        try await sql.insert(into: CaseTimelineEntry.schema).columns("id", "case_id", "at", "actor", "what")
            .values(SQLBind(UUID()), SQLBind(id), SQLBind(Date()), SQLBind(actor.name), SQLBind(what)).run()
    }

    static func addAudit(_ action: AuditAction, _ id: UUID, _ detail: String, _ actor: CaseActor, on sql: any SQLDatabase) async throws {
        try await sql.insert(into: AuditEntry.schema).columns("id", "at", "actor", "action", "case_id", "detail", "address")
            .values(SQLBind(UUID()), SQLBind(Date()), SQLBind(actor.name), SQLBind(action.rawValue), SQLBind(id), SQLBind(detail),
                    SQLBind(actor.address)).run()
    }
}

/// An online draft's contact address and its new expiry, saved with the household.
struct DraftContact: Sendable {
    let email: String?
    let expiresAt: Date
}
