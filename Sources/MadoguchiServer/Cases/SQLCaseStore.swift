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
    /// The core systems a hand-off writes to (the catalog's `handoffs.yaml`).
    var handoffTargets: [HandoffTarget] = []

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
        try await save(household, procedures: procedures, to: id, staffInputs: staffInputs, by: actor, contact: nil)
    }

    /// `save`, with an online draft's contact address and new expiry in the same commit, and `alongside`:
    /// more work that must commit with the save or not at all (a card read used up by it); it runs after the
    /// Case was found to be a draft, and what it throws undoes the save.
    func save(_ household: CaseHousehold, procedures: [CaseProcedure], to id: UUID, staffInputs: Int, by actor: CaseActor,
              contact: DraftContact?,
              alongside: @escaping @Sendable (any SQLDatabase) async throws -> Void = { _ in }) async throws -> StoredCase {
        let vault = vault
        let inputs = max(0, min(staffInputs, 10_000))
        // Rerunnable: each run reads the Case anew and writes the same values (new people as new rows), so saves
        // of different Cases share one commit side by side; two saves of one Case never do (its id is the key).
        return try await writes.transaction(rerunnable: true, key: id) { db in
            let sql = try db.sql()
            // Read, check and write in one step. Two saves at once (two tabs, a double tap) or a save racing a
            // confirmation each work from the Case as stored now: the household, its members and its procedures
            // always come from one save, and a Case confirmed meanwhile is not changed.
            guard let head = try await CaseRows.head(id, lock: true, on: sql) else { throw CaseNotFound(id) }
            guard head.state == .draft else { throw IllegalCaseMove(from: head.state, event: .edit) }
            try await alongside(sql)
            try await CaseRows.updateHousehold(id, household, addingInputs: inputs, contact: contact, on: sql)
            // People keep their ids (a person another save removed meanwhile is stored again, as a new row) and
            // their sealed 個人番号 unless this save changes it.
            let stored = try await CaseRows.sealedNumbers(of: id, on: sql)
            var people: [(id: UUID, person: CasePerson, number: CaseRows.SealedNumber)] = []
            var last4: [Int: String] = [:]
            for (index, var person) in household.people.enumerated() {
                let known = person.id.flatMap { stored[$0] }
                let memberID = known != nil ? person.id! : UUID()
                var number = known ?? CaseRows.SealedNumber(sealed: nil, last4: nil)
                switch person.myNumber {
                case .keep: break
                case .remove: number = CaseRows.SealedNumber(sealed: nil, last4: nil)
                case .set(let myNumber):
                    number = CaseRows.SealedNumber(sealed: try vault.seal(myNumber.digits, purpose: CaseService.myNumberPurpose(memberID)),
                                                   last4: String(myNumber.digits.suffix(4)))
                }
                person.id = memberID
                person.myNumber = .keep
                last4[index + 1] = number.last4
                people.append((memberID, person, number))
            }
            try await CaseRows.replacePeople(of: id, with: people, on: sql)
            try await CaseRows.addTimeline(id, actor, "入力内容を保存", on: sql)
            // The procedures follow the saved data in the same commit.
            try await CaseRows.replaceProcedures(of: id, with: procedures, on: sql)
            try await CaseRows.addAudit(.caseChanged, id, "\(household.people.count) members", actor, on: sql)
            var saved = household
            saved.people = people.map(\.person)
            return StoredCase(id: id, reference: head.reference, channel: head.channel, state: head.state, household: saved,
                              procedures: procedures, staffInputs: head.staffInputs + inputs, myNumberLast4: last4)
        }
    }

    func move(_ id: UUID, _ event: CaseEvent, by actor: CaseActor,
              check: @escaping @Sendable (StoredCase) throws -> Void) async throws -> CaseState {
        try await move(id, event, by: actor, check: check, alongside: { _ in })
    }

    /// `move`, changing more of the record in the same commit (the signature, a withdrawal's time).
    func move(_ id: UUID, _ event: CaseEvent, by actor: CaseActor, check: @escaping @Sendable (StoredCase) throws -> Void,
              alongside: @escaping @Sendable (CaseRecord) -> Void) async throws -> CaseState {
        try await writes.transaction(rerunnable: true, key: id) { db -> CaseState in
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
                // What each core system is to receive, written with the hand-off: never one without the other.
                try await Handoffs.write(for: try await Self.load(record, on: db), targets: handoffTargets, on: try db.sql(), now: Date())
            }
            try await CaseTimelineEntry(caseID: id, actor: actor.name, what: "状態：\(next.nameJa)").create(on: db)
            try await Self.audit(.caseTransition, id, "\(event.rawValue) → \(next.rawValue)", actor, on: db)
            return next
        }
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
