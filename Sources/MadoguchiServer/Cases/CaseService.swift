import Fluent
import Foundation
import MadoguchiCore
import SQLKit
import Vapor

/// Everything that changes a Case: creating it, saving the counter form, recomputing its procedures,
/// moving it through its states. Each change writes the Case's timeline and the audit log.
struct CaseService {
    let req: Request
    /// Who acts: the signed-in staff member, or `citizen` for an online application.
    let actor: String

    init(req: Request, actor: String? = nil) {
        self.req = req
        self.actor = actor ?? req.signedIn?.user.username ?? "system"
    }

    /// A new, empty Case for a life event.
    func create(eventKind: String, channel: String = "counter") async throws -> CaseRecord {
        guard req.madoguchi.catalog.event(eventKind) != nil else { throw Abort(.badRequest, reason: "不明なできごとです。") }
        let record = CaseRecord(reference: CaseReference.make(), eventKind: eventKind, channel: channel, createdBy: actor)
        try await req.writeTransaction { db in
            try await record.create(on: db)
            try await CaseTimelineEntry(caseID: record.requireID(), actor: actor, what: "案件を作成（\(channel)）").create(on: db)
            try await req.audit(.caseCreated, caseID: record.id, detail: "\(eventKind) \(record.reference)", actor: actor, on: db)
        }
        return record
    }

    /// The Case with its members (by position) and procedures, or 404.
    func load(_ id: UUID) async throws -> (CaseRecord, [CaseMemberRecord], [CaseProcedureRecord]) {
        guard let record = try await CaseRecord.find(id, on: req.db) else { throw Abort(.notFound, reason: "案件が見つかりません。") }
        let members = try await record.$members.query(on: req.db).sort(\.$position).all()
        let procedures = try await record.$procedures.query(on: req.db).all()
        return (record, members, procedures)
    }

    /// Stores a checked household (`CaseValidator`): the Case's dates, addresses and people (a 個人番号 only
    /// sealed), then recomputes the procedures. Only a draft can be changed.
    func save(_ household: CaseHousehold, to record: CaseRecord, staffInputs: Int) async throws {
        guard record.state == .draft else { throw IllegalCaseMove(from: record.state, event: .edit) }
        let caseID = try record.requireID()
        let vault = req.madoguchi.vault
        let actor = actor
        record.setHousehold(household)
        let inputs = max(0, min(staffInputs, 10_000))
        try await req.writeTransaction { db in
            // Read, check and write in one step. Two saves at once (two tabs, a double tap) or a save racing a
            // confirmation each work from the Case as stored now: the household, its members and its procedures
            // always come from one save, and a Case confirmed meanwhile is not changed.
            try await RowLock.lock(CaseRecord.schema, id: caseID, on: db)
            guard let stored = try await CaseRecord.find(caseID, on: db) else { throw Abort(.notFound, reason: "案件が見つかりません。") }
            guard stored.state == .draft else { throw IllegalCaseMove(from: stored.state, event: .edit) }
            record.staffInputs = stored.staffInputs + inputs
            try await record.save(on: db)
            let current = try await CaseMemberRecord.query(on: db).filter(\.$caseRecord.$id == caseID).all()
            let byID = Dictionary(current.compactMap { member in member.id.map { ($0, member) } }, uniquingKeysWith: { first, _ in first })
            let keptIDs = Set(household.people.compactMap(\.id))
            for member in current where !keptIDs.contains(member.id ?? UUID()) { try await member.delete(on: db) }
            // Positions are unique per Case: the kept rows step aside first, so any new order can be written.
            if let sql = db as? any SQLDatabase {
                try await sql.raw("UPDATE \(ident: CaseMemberRecord.schema) SET position = -position WHERE case_id = \(bind: caseID)").run()
            }
            var saved: [CaseMemberRecord] = []
            for (index, person) in household.people.enumerated() {
                // A person another save removed meanwhile is stored again, as a new row.
                let stored = person.id.flatMap { byID[$0] }
                let member = stored ?? CaseMemberRecord()
                if stored == nil {
                    member.id = UUID()
                    member.$caseRecord.id = caseID
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
                    member.myNumberSealed = try vault.seal(number.digits, purpose: Self.myNumberPurpose(memberID))
                    member.myNumberLast4 = String(number.digits.suffix(4))
                }
                if stored == nil { try await member.create(on: db) } else { try await member.save(on: db) }
                saved.append(member)
            }
            try await CaseTimelineEntry(caseID: caseID, actor: actor, what: "入力内容を保存").create(on: db)
            // The procedures follow the saved data in the same commit.
            try await replaceProcedures(of: record, members: saved, on: db)
            try await req.audit(.caseChanged, caseID: caseID, detail: "\(household.people.count) members", actor: actor, on: db)
        }
    }

    /// The associated data a member's sealed 個人番号 is bound to.
    static func myNumberPurpose(_ memberID: UUID) -> String { "case_members.my_number:\(memberID.uuidString)" }

    /// Replaces the procedures of a draft with what the rules find for these members (none while data is
    /// missing), inside the caller's transaction, and returns them (so a save or a submission commits them
    /// with everything else in one durable write).
    /// `prepare` may set each one's status before it is written (in one statement).
    @discardableResult
    func replaceProcedures(of record: CaseRecord, members: [CaseMemberRecord], on db: any Database,
                           prepare: (CaseProcedureRecord) -> Void = { _ in }) async throws -> [CaseProcedureRecord] {
        let caseID = try record.requireID()
        let findings = lifeEvent(record, members: members).map { req.madoguchi.engine.evaluate($0) } ?? []
        try await CaseProcedureRecord.query(on: db).filter(\.$caseRecord.$id == caseID).delete()
        let written = findings.map { finding in
            CaseProcedureRecord(caseID: caseID, code: finding.procedure.code, section: finding.section.code,
                                members: finding.members.compactMap(Int.init), deadline: finding.deadline?.iso)
        }
        written.forEach(prepare)
        if !written.isEmpty { try await written.create(on: db) }
        return written
    }

    /// The life event the rules see (`CaseHousehold.lifeEvent`); nil while something it needs is missing.
    func lifeEvent(_ record: CaseRecord, members: [CaseMemberRecord]) -> LifeEvent? {
        record.household(members: members).lifeEvent
    }

    /// What is still missing before the Case can be confirmed or submitted (`CaseHousehold.gaps`; the event's
    /// catalog file says which addresses it needs).
    func missingForConfirmation(_ record: CaseRecord, members: [CaseMemberRecord]) -> [CaseGap] {
        guard let event = req.madoguchi.catalog.event(record.eventKind) else { return [.eventDate] }
        return record.household(members: members).gaps(for: event)
    }

    /// Moves the Case; confirming needs complete data, handing off puts every procedure on its section's list.
    /// `alongside` changes more of the record in the same commit.
    func apply(_ event: CaseEvent, to record: CaseRecord,
               alongside: @escaping @Sendable (CaseRecord) -> Void = { _ in }) async throws {
        let caseID = try record.requireID()
        let members = try await record.$members.query(on: req.db).sort(\.$position).all()
        if event == .confirm {
            let missing = missingForConfirmation(record, members: members)
            guard missing.isEmpty else {
                throw Abort(.badRequest, reason: PageContext(request: req).t("まだ入力されていない項目があります：", "Still missing: ")
                    + CaseGap.list(missing, PageContext(request: req).language))
            }
        }
        _ = try CaseStateMachine.state(after: event, from: record.state)  // a move that cannot be is refused before any write
        let previous = record.state
        let next = try await req.writeTransaction { db -> CaseState in
            // Read, check and write in one step: of two moves at once, the second sees the first's state.
            try await RowLock.lock(CaseRecord.schema, id: caseID, on: db)
            guard let stored = try await CaseRecord.find(caseID, on: db) else { throw Abort(.notFound, reason: "案件が見つかりません。") }
            guard stored.state == previous else { throw IllegalCaseMove(from: stored.state, event: event) }
            let next = try CaseStateMachine.state(after: event, from: stored.state)
            record.state = next
            if event == .edit { record.signedAt = nil; record.signedPDFSHA256 = nil }
            if event == .sign || event == .signOnPaper { record.signedAt = Date() }
            alongside(record)
            try await record.save(on: db)
            if event == .handOff {
                for procedure in try await CaseProcedureRecord.query(on: db).filter(\.$caseRecord.$id == caseID).all() {
                    procedure.status = procedure.status.after(.handOff) ?? procedure.status
                    try await procedure.save(on: db)
                }
            }
            try await CaseTimelineEntry(caseID: caseID, actor: actor, what: "状態：\(next.nameJa)").create(on: db)
            try await req.audit(.caseTransition, caseID: caseID, detail: "\(event.rawValue) → \(next.rawValue)", actor: actor, on: db)
            return next
        }
        record.state = next
    }
}

extension IllegalCaseMove: AbortError {
    public var status: HTTPResponseStatus { .conflict }
    public var reason: String { messageJa }
}
