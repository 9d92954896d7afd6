import Fluent
import MadoguchiCore
import Vapor

/// `/sections/{code}`: a section's work list. Each handed-off procedure of the section, with the Case data
/// it needs; section staff mark it done or return it with a reason. A section user sees only their own
/// section; the Case completes when every procedure is done.
struct SectionController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let sections = routes.grouped("sections").grouped(RequireStaff(.section, .admin))
        sections.get(":code", use: workList)
        sections.post(":code", "procedures", ":id", use: act)
        sections.get(":code", "attachments", ":attachment", use: attachment)
    }

    /// Open and returned procedures of the section, oldest first, then the ones done today.
    @Sendable func workList(req: Request) async throws -> Response {
        let section = try allowedSection(req)
        // What is waiting, all of it; of what is done, the latest fifty: a list read on every visit must not
        // grow with the years.
        let waiting = try await CaseProcedureRecord.query(on: req.db)
            .filter(\.$section == section.code)
            .filter(\.$status ~~ [.open, .returned])
            .with(\.$caseRecord) { $0.with(\.$members) }
            .sort(\.$updatedAt).all()
        let done = try await CaseProcedureRecord.query(on: req.db)
            .filter(\.$section == section.code)
            .filter(\.$status == .done)
            .with(\.$caseRecord) { $0.with(\.$members) }
            .sort(\.$updatedAt, .descending).limit(50).all()
        let procedures = waiting + done.reversed()
        let items = procedures.filter { $0.caseRecord.state != .cancelled }
        // Every Case shown is a read of a citizen's data: one audit entry each, written in one commit (not one
        // write transaction per Case, which made a long list slow for everyone writing).
        let actor = req.signedIn?.user.username ?? "anonymous", address = req.clientAddress
        let entries = Set(items.compactMap { $0.caseRecord.id }).sorted { $0.uuidString < $1.uuidString }.map { caseID in
            AuditEntry(at: Date(), actor: actor, action: AuditAction.caseViewed.rawValue, caseID: caseID,
                       detail: "work list \(section.code)", address: address)
        }
        if !entries.isEmpty { try await req.writeTransaction { db in try await entries.create(on: db) } }
        let attachments = try await CaseAttachments.summaries(of: Array(Set(items.compactMap { $0.caseRecord.id })), on: req.db)
        let details = try await CaseDetail.of(Array(Set(items.compactMap { $0.caseRecord.id })), on: req.db)
        return SectionWorkListView.render(section: section, items: items, attachments: attachments, details: details, catalog: req.madoguchi.catalog,
                                          signedIn: req.signedIn, PageContext(request: req)).response()
    }

    /// Done, or returned to the counter with a reason.
    @Sendable func act(req: Request) async throws -> Response {
        let section = try allowedSection(req)
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let procedure = try await CaseProcedureRecord.query(on: req.db).filter(\.$id == id).with(\.$caseRecord).first(),
              procedure.section == section.code else { throw Abort(.notFound) }
        let action: ProcedureAction
        switch try? req.content.get(String.self, at: "action") {
        case "done": action = .markDone
        case "return": action = .giveBack
        default: throw Abort(.badRequest, reason: "不明な操作です。")
        }
        let reason = ((try? req.content.get(String.self, at: "reason")) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if action == .giveBack, reason.isEmpty || reason.count > 500 {
            throw Abort(.badRequest, reason: "差戻しの理由を入力してください（500文字まで）。")
        }
        try await ProcedureProgress(req: req).apply(action, to: procedure, reason: action == .giveBack ? reason : nil)
        return req.redirect(to: SitePath.section(code: section.code).path)
    }

    /// The section of the URL, if this user may see it: section staff only their own.
    /// A file attached to a Case that has a procedure of this section (audited).
    @Sendable func attachment(req: Request) async throws -> Response {
        let section = try allowedSection(req)
        guard let id = req.parameters.get("attachment").flatMap(UUID.init(uuidString:)),
              let found = try await CaseAttachment.query(on: req.db).filter(\.$id == id).field(\.$id).field(\.$caseRecord.$id).first()
        else { throw Abort(.notFound) }
        let caseID = found.$caseRecord.id
        guard try await CaseProcedureRecord.query(on: req.db).filter(\.$caseRecord.$id == caseID)
            .filter(\.$section == section.code).count() > 0 else { throw Abort(.notFound) }
        return try await CaseAttachments.download(id, caseID: caseID, req: req)
    }

    private func allowedSection(_ req: Request) throws -> Section {
        guard let code = req.parameters.get("code"), let section = req.madoguchi.catalog.section(code) else { throw Abort(.notFound) }
        if let user = req.signedIn?.user, user.role == .section, user.sectionCode != code {
            throw Abort(.forbidden, reason: "他の課の業務は表示できません。")
        }
        return section
    }
}

/// Moves a procedure on its work list and completes the Case when the last one is done.
struct ProcedureProgress {
    let req: Request

    /// `reason`: why it is returned; `note`: what the counter corrected before sending it again.
    /// `actor`: who acts when not the signed-in user (a core system); `alongside`: more work committed with it.
    func apply(_ action: ProcedureAction, to procedure: CaseProcedureRecord, reason: String?, note: String? = nil, actor: String? = nil,
               alongside: @escaping @Sendable (any Database) async throws -> Void = { _ in }) async throws {
        guard procedure.status.after(action) != nil else {
            throw Abort(.conflict, reason: "この手続きは「\(procedure.status.nameJa)」のため、この操作はできません。")
        }
        let caseID = procedure.$caseRecord.id
        let procedureID = try procedure.requireID()
        let actor = actor ?? req.signedIn?.user.username ?? "system"
        let catalog = req.madoguchi.catalog
        let mailOn = req.madoguchi.mail != nil
        let name = catalog.procedures[procedure.code].map { $0.name.ja } ?? procedure.code
        try await req.writeTransaction { db in
            // Read, check and write in one step: a double click marks a procedure done once. The Case's row is
            // locked first: two sections finishing the last two procedures at once (two instances on
            // PostgreSQL) take turns, so the second sees both done and completes the Case.
            try await RowLock.lock(CaseRecord.schema, id: caseID, on: db)
            guard let record = try await CaseRecord.find(caseID, on: db) else { throw Abort(.notFound, reason: "案件が見つかりません。") }
            try await RowLock.lock(CaseProcedureRecord.schema, id: procedureID, on: db)
            guard let procedure = try await CaseProcedureRecord.find(procedureID, on: db), let next = procedure.status.after(action) else {
                throw Abort(.conflict, reason: "この手続きはすでに処理されています。")
            }
            try await alongside(db)
            procedure.status = next
            procedure.returnedReason = reason
            procedure.updatedBy = actor
            try await procedure.save(on: db)
            let what: String
            switch action {
            case .giveBack: what = "\(name)：差戻し（\(reason ?? "")）"
            case .resend: what = "\(name)：差戻しに対応して再送" + (note.map { "（\($0)）" } ?? "")
            default: what = "\(name)：\(next.nameJa)"
            }
            try await CaseTimelineEntry(caseID: caseID, actor: actor, what: what).create(on: db)
            // An online applicant hears of the decision by mail (through the outbox, with this transaction).
            if mailOn, record.channel == "online", let email = record.contactEmail, next == .done || next == .returned {
                let mail = ApplicationMail.decided(record: record, catalog: catalog, procedure: procedure)
                try await OutgoingMail(recipient: email, subject: mail.subject, body: mail.body).create(on: db)
            }
            let statuses = try await CaseProcedureRecord.query(on: db).filter(\.$caseRecord.$id == caseID).all().map(\.status)
            if record.state == .handedOff, ProcedureStatus.allDone(statuses) {
                record.state = try CaseStateMachine.state(after: .complete, from: record.state)
                try await record.save(on: db)
                try await CaseTimelineEntry(caseID: caseID, actor: actor, what: "状態：\(CaseState.completed.nameJa)").create(on: db)
            }
            let completed = record.state == .completed
            try await req.audit(.caseChanged, caseID: caseID, detail: "\(procedure.code) \(action.rawValue)" + (completed ? ", case completed" : ""),
                                on: db)
        }
    }
}
