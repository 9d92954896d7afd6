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

    /// Stores a checked form: the Case's dates, household and addresses, and its members (a 個人番号 only
    /// sealed), then recomputes the procedures. Only a draft can be changed.
    func save(_ update: CaseUpdate, to record: CaseRecord, staffInputs: Int) async throws {
        guard record.state == .draft else { throw IllegalCaseMove(from: record.state, event: .edit) }
        let caseID = try record.requireID()
        let vault = req.madoguchi.vault
        let actor = actor
        record.eventDate = update.eventDate?.iso
        record.notificationDate = update.notificationDate?.iso
        record.plannedMoveOutDate = update.plannedMoveOutDate?.iso
        record.knownDate = update.knownDate?.iso
        record.fromAbroad = update.fromAbroad
        record.dogs = update.dogs
        record.mopeds = update.mopeds
        record.oldAddress = update.oldAddress
        record.newAddress = update.newAddress
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
            let keptIDs = Set(update.members.compactMap(\.id))
            for member in current where !keptIDs.contains(member.id ?? UUID()) { try await member.delete(on: db) }
            // Positions are unique per Case: the kept rows step aside first, so any new order can be written.
            if let sql = db as? any SQLDatabase {
                try await sql.raw("UPDATE \(ident: CaseMemberRecord.schema) SET position = -position WHERE case_id = \(bind: caseID)").run()
            }
            var saved: [CaseMemberRecord] = []
            for (index, change) in update.members.enumerated() {
                // A person another save removed meanwhile is stored again, as a new row.
                let stored = change.id.flatMap { byID[$0] }
                let member = stored ?? CaseMemberRecord()
                if stored == nil {
                    member.id = UUID()
                    member.$caseRecord.id = caseID
                }
                let memberID = try member.requireID()
                member.position = index + 1
                member.residentCode = change.residentCode
                member.familyName = change.familyName
                member.givenName = change.givenName
                member.familyKana = change.familyKana
                member.givenKana = change.givenKana
                member.birthDate = change.birthDate?.iso
                member.sex = change.sex?.rawValue ?? ""
                member.relation = change.relation?.rawValue ?? ""
                member.nationality = change.nationality
                member.residenceStatus = change.residenceStatus
                member.residenceExpiry = change.residenceExpiry?.iso
                member.facts = change.facts
                if change.removeMyNumber {
                    member.myNumberSealed = nil
                    member.myNumberLast4 = nil
                }
                if let number = change.myNumber {
                    member.myNumberSealed = try vault.seal(number.digits, purpose: Self.myNumberPurpose(memberID))
                    member.myNumberLast4 = String(number.digits.suffix(4))
                }
                if stored == nil { try await member.create(on: db) } else { try await member.save(on: db) }
                saved.append(member)
            }
            try await CaseTimelineEntry(caseID: caseID, actor: actor, what: "入力内容を保存").create(on: db)
            // The procedures follow the saved data in the same commit.
            try await replaceProcedures(of: record, members: saved, on: db)
            try await req.audit(.caseChanged, caseID: caseID, detail: "\(update.members.count) members", actor: actor, on: db)
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

    /// The life event the rules see, when the Case has an event date and every member's relation, sex
    /// and birth date; nil while something is missing.
    func lifeEvent(_ record: CaseRecord, members: [CaseMemberRecord]) -> LifeEvent? {
        guard let date = record.eventDate.flatMap(CivilDate.init(iso:)), !members.isEmpty else { return nil }
        var people: [Member] = []
        for member in members {
            guard let relation = Relation(rawValue: member.relation), let sex = Sex(rawValue: member.sex),
                  let birth = member.birthDate.flatMap(CivilDate.init(iso:)), birth <= date else { return nil }
            var person = Member(id: String(member.position), relation: relation, sex: sex, birthDate: birth)
            let facts = member.facts
            person.nationality = member.nationality
            person.moving = facts.moving
            person.insurance = Insurance(rawValue: facts.insurance) ?? .none
            person.pensionCategory = facts.pensionCategory
            person.careCertification = CareCertification(rawValue: facts.careCertification) ?? .none
            person.myNumberCard = MyNumberCard(rawValue: facts.myNumberCard) ?? .none
            person.receives = Set(facts.receives.compactMap(Benefit.init(rawValue:)))
            person.setFlags(Set(facts.flags))
            people.append(person)
        }
        var event = LifeEvent(kind: record.eventKind, date: date, members: people)
        event.notificationDate = record.notificationDate.flatMap(CivilDate.init(iso:)) ?? date
        event.plannedMoveOutDate = record.plannedMoveOutDate.flatMap(CivilDate.init(iso:))
        event.knownDate = record.knownDate.flatMap(CivilDate.init(iso:)).map { max($0, date) } ?? date
        event.fromAbroad = record.fromAbroad
        event.dogs = record.dogs
        event.mopeds = record.mopeds
        return event
    }

    /// What is still missing before the Case can be confirmed or submitted (`CaseCompleteness`; the event's
    /// catalog file says which addresses it needs).
    func missingForConfirmation(_ record: CaseRecord, members: [CaseMemberRecord]) -> [CaseGap] {
        let people = members.map { member in
            CaseCompleteness.Person(
                hasName: !member.familyName.isEmpty && !member.givenName.isEmpty,
                hasKana: !member.familyKana.isEmpty && !member.givenKana.isEmpty,
                hasBirthDate: member.birthDate != nil, hasSex: Sex(rawValue: member.sex) != nil,
                hasRelation: Relation(rawValue: member.relation) != nil)
        }
        var recorded = Set<EventAddress.Kind>()
        if record.oldAddress != nil { recorded.insert(.old) }
        if record.newAddress != nil { recorded.insert(.new) }
        let event = req.madoguchi.catalog.event(record.eventKind)
        var gaps: [CaseGap] = event.map { CaseCompleteness.gaps(event: $0, hasEventDate: record.eventDate != nil, people: people, addresses: recorded) }
            ?? [.eventDate]
        if gaps.isEmpty, lifeEvent(record, members: members) == nil { gaps.append(.datesDisagree) }
        return gaps
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
