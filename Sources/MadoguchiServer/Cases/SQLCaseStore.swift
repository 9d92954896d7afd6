import Fluent
import Foundation
import MadoguchiCore
import SQLKit

/// The Case store on SQL, one implementation for SQLite and PostgreSQL: reads through the request's
/// connection, every change through the one write path (`WritePath`) as one transaction that reads,
/// checks and writes — locking the Case's row on PostgreSQL, taking its turn in the write queue on SQLite.
/// The rows are mapped by `CaseRecord+Household`, the 個人番号 sealed by the vault.
struct SQLCaseStore: CaseStore {
    let db: any Database
    let writes: WritePath
    let vault: PersonalDataVault

    func create(reference: String, eventKind: String, channel: String, by actor: CaseActor) async throws -> StoredCase {
        let record = CaseRecord(reference: reference, eventKind: eventKind, channel: channel, createdBy: actor.name)
        record.id = UUID()
        let caseID = try record.requireID()
        try await writes.transaction { db in
            try await record.create(on: db)
            try await CaseTimelineEntry(caseID: caseID, actor: actor.name, what: "案件を作成（\(channel)）").create(on: db)
            try await Self.audit(.caseCreated, caseID, "\(eventKind) \(reference)", actor, on: db)
        }
        return try Self.stored(record, members: [], procedures: [])
    }

    func find(_ id: UUID) async throws -> StoredCase? {
        guard let record = try await CaseRecord.find(id, on: db) else { return nil }
        return try await Self.load(record, on: db)
    }

    func save(_ household: CaseHousehold, procedures: [CaseProcedure], to id: UUID, staffInputs: Int,
              by actor: CaseActor) async throws -> StoredCase {
        try await save(household, procedures: procedures, to: id, staffInputs: staffInputs, by: actor, alongside: { _ in })
    }

    /// `save`, changing more of the record in the same commit (an online draft's contact and expiry).
    func save(_ household: CaseHousehold, procedures: [CaseProcedure], to id: UUID, staffInputs: Int, by actor: CaseActor,
              alongside: @escaping @Sendable (CaseRecord) -> Void) async throws -> StoredCase {
        let vault = vault
        let inputs = max(0, min(staffInputs, 10_000))
        return try await writes.transaction { db in
            // Read, check and write in one step. Two saves at once (two tabs, a double tap) or a save racing a
            // confirmation each work from the Case as stored now: the household, its members and its procedures
            // always come from one save, and a Case confirmed meanwhile is not changed.
            try await RowLock.lock(CaseRecord.schema, id: id, on: db)
            guard let record = try await CaseRecord.find(id, on: db) else { throw CaseNotFound(id) }
            guard record.state == .draft else { throw IllegalCaseMove(from: record.state, event: .edit) }
            record.setHousehold(household)
            record.staffInputs += inputs
            alongside(record)
            try await record.save(on: db)
            let current = try await CaseMemberRecord.query(on: db).filter(\.$caseRecord.$id == id).all()
            let byID = Dictionary(current.compactMap { member in member.id.map { ($0, member) } }, uniquingKeysWith: { first, _ in first })
            let keptIDs = Set(household.people.compactMap(\.id))
            for member in current where !keptIDs.contains(member.id ?? UUID()) { try await member.delete(on: db) }
            // Positions are unique per Case: the kept rows step aside first, so any new order can be written.
            if let sql = db as? any SQLDatabase {
                try await sql.raw("UPDATE \(ident: CaseMemberRecord.schema) SET position = -position WHERE case_id = \(bind: id)").run()
            }
            var saved: [CaseMemberRecord] = []
            for (index, person) in household.people.enumerated() {
                // A person another save removed meanwhile is stored again, as a new row.
                let stored = person.id.flatMap { byID[$0] }
                let member = stored ?? CaseMemberRecord()
                if stored == nil {
                    member.id = UUID()
                    member.$caseRecord.id = id
                }
                let memberID = try member.requireID()
                member.position = index + 1
                member.setPerson(person)
                switch person.myNumber {
                case .keep: break
                case .remove:
                    member.myNumberSealed = nil
                    member.myNumberLast4 = nil
                case .set(let number):
                    member.myNumberSealed = try vault.seal(number.digits, purpose: CaseService.myNumberPurpose(memberID))
                    member.myNumberLast4 = String(number.digits.suffix(4))
                }
                if stored == nil { try await member.create(on: db) } else { try await member.save(on: db) }
                saved.append(member)
            }
            try await CaseTimelineEntry(caseID: id, actor: actor.name, what: "入力内容を保存").create(on: db)
            // The procedures follow the saved data in the same commit.
            let written = try await Self.replaceProcedures(of: id, with: procedures, on: db)
            try await Self.audit(.caseChanged, id, "\(household.people.count) members", actor, on: db)
            return try Self.stored(record, members: saved, procedures: written)
        }
    }

    func move(_ id: UUID, _ event: CaseEvent, by actor: CaseActor,
              check: @escaping @Sendable (StoredCase) throws -> Void) async throws -> CaseState {
        try await move(id, event, by: actor, check: check, alongside: { _ in })
    }

    /// `move`, changing more of the record in the same commit (the signature, a withdrawal's time).
    func move(_ id: UUID, _ event: CaseEvent, by actor: CaseActor, check: @escaping @Sendable (StoredCase) throws -> Void,
              alongside: @escaping @Sendable (CaseRecord) -> Void) async throws -> CaseState {
        try await writes.transaction { db -> CaseState in
            // Read, check and write in one step: of two moves at once, the second sees the first's state.
            try await RowLock.lock(CaseRecord.schema, id: id, on: db)
            guard let record = try await CaseRecord.find(id, on: db) else { throw CaseNotFound(id) }
            try check(try await Self.load(record, on: db))
            let next = try CaseStateMachine.state(after: event, from: record.state)
            record.state = next
            if event == .edit { record.signedAt = nil; record.signedPDFSHA256 = nil }
            if event == .sign || event == .signOnPaper { record.signedAt = Date() }
            alongside(record)
            try await record.save(on: db)
            if event == .handOff {
                try await CaseProcedureRecord.query(on: db).filter(\.$caseRecord.$id == id).filter(\.$status == .waiting)
                    .set(\.$status, to: .open).update()
            }
            try await CaseTimelineEntry(caseID: id, actor: actor.name, what: "状態：\(next.nameJa)").create(on: db)
            try await Self.audit(.caseTransition, id, "\(event.rawValue) → \(next.rawValue)", actor, on: db)
            return next
        }
    }

    /// Replaces the procedures of a Case inside the caller's transaction; returns the rows written.
    static func replaceProcedures(of id: UUID, with procedures: [CaseProcedure], on db: any Database) async throws -> [CaseProcedureRecord] {
        try await CaseProcedureRecord.query(on: db).filter(\.$caseRecord.$id == id).delete()
        let written = procedures.map { procedure in
            let record = CaseProcedureRecord(caseID: id, code: procedure.code, section: procedure.section,
                                             members: procedure.members, deadline: procedure.deadline?.iso)
            record.status = procedure.status
            record.returnedReason = procedure.returnedReason
            return record
        }
        if !written.isEmpty { try await written.create(on: db) }
        return written
    }

    static func load(_ record: CaseRecord, on db: any Database) async throws -> StoredCase {
        let id = try record.requireID()
        let members = try await CaseMemberRecord.query(on: db).filter(\.$caseRecord.$id == id).sort(\.$position).all()
        let procedures = try await CaseProcedureRecord.query(on: db).filter(\.$caseRecord.$id == id).all()
        return try stored(record, members: members, procedures: procedures)
    }

    static func stored(_ record: CaseRecord, members: [CaseMemberRecord], procedures: [CaseProcedureRecord]) throws -> StoredCase {
        let ordered = members.sorted { $0.position < $1.position }
        var last4: [Int: String] = [:]
        for (index, member) in ordered.enumerated() { last4[index + 1] = member.myNumberLast4 }
        return StoredCase(id: try record.requireID(), reference: record.reference, channel: record.channel, state: record.state,
                          household: record.household(members: ordered), procedures: procedures.map(\.procedure),
                          staffInputs: record.staffInputs, myNumberLast4: last4)
    }

    private static func audit(_ action: AuditAction, _ caseID: UUID, _ detail: String, _ actor: CaseActor, on db: any Database) async throws {
        try await AuditEntry(at: Date(), actor: actor.name, action: action.rawValue, caseID: caseID, detail: detail,
                             address: actor.address).create(on: db)
    }
}

extension CaseProcedureRecord {
    var procedure: CaseProcedure {
        CaseProcedure(code: code, section: section, members: members, deadline: deadline.flatMap(CivilDate.init(iso:)),
                      status: status, returnedReason: returnedReason)
    }
}
