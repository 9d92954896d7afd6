import Fluent
import SQLKit
import Foundation
import MadoguchiCore
import Vapor

/// Online applications (スマート申請): a citizen prepares a Case at home. The guide's household becomes a
/// draft behind a secret resume link; submitting makes it durable, puts the procedures that may be done
/// online on their sections' work lists, and leaves the rest waiting for the counter, which opens the
/// same Case, already filled, from the reference or its QR code.
struct OnlineApplications {
    let req: Request

    /// A new draft from the guide's household; returns the record and the secret of its resume link.
    func start(from event: LifeEvent) async throws -> (CaseRecord, String) {
        let token = Tokens.random()
        let record = CaseRecord(reference: CaseReference.make(), eventKind: event.kind, channel: "online", createdBy: "citizen")
        record.draftTokenHash = Tokens.digest(token)
        record.draftExpiresAt = Date().addingTimeInterval(req.madoguchi.draftLifetime)
        try await req.writeTransaction { db in
            try await record.create(on: db)
            let caseID = try record.requireID()
            try await CaseTimelineEntry(caseID: caseID, actor: "citizen", what: "オンライン申請の下書きを作成").create(on: db)
            try await req.audit(.caseCreated, caseID: caseID, detail: "online draft \(record.reference)", actor: "citizen", on: db)
        }
        try await CaseService(req: req, actor: "citizen").save(CaseHousehold(event), to: record, staffInputs: 0)
        return (record, token)
    }

    /// The draft (or the submitted application, read-only) behind a resume link; 404 when unknown or expired.
    func draft(token: String) async throws -> CaseRecord {
        guard !token.isEmpty,
              let record = try await CaseRecord.query(on: req.db).filter(\.$draftTokenHash == Tokens.digest(token)).first(),
              record.withdrawnAt == nil else {
            throw Abort(.notFound, reason: "この申請は見つかりません。期限が切れたか、取り下げられた可能性があります。")
        }
        if record.submittedAt == nil, let expiry = record.draftExpiresAt, expiry < Date() {
            throw Abort(.notFound, reason: "この下書きは保存期間が過ぎたため削除されました。")
        }
        return record
    }

    /// Makes the application final: complete data, durable before the reference is shown, online
    /// procedures on their work lists, a mail in the outbox when the citizen gave an address.
    func submit(_ record: CaseRecord, members: [CaseMemberRecord]) async throws {
        guard record.submittedAt == nil else { return }
        let service = CaseService(req: req, actor: "citizen")
        let missing = service.missingForConfirmation(record, members: members)
        guard missing.isEmpty else {
            let context = PageContext(request: req)
            throw Abort(.badRequest, reason: context.t("まだ入力されていない項目があります：", "Still missing: ") + CaseGap.list(missing, context.language))
        }
        let caseID = try record.requireID()
        let catalog = req.madoguchi.catalog
        let applicantBirthDate = (members.first { $0.relation == "head" } ?? members.first)?.birthDate
        let mail = req.madoguchi.mail != nil ? record.contactEmail : nil
        let actor = CaseActor("citizen", address: req.clientAddress)
        // Procedures that may be done online go straight to their sections' work lists.
        var procedures = service.desk.procedures(for: record.household(members: members))
        for index in procedures.indices where catalog.procedures[procedures[index].code]?.online == true {
            procedures[index].status = procedures[index].status.after(.handOff) ?? procedures[index].status
        }
        let outgoing = mail.map { (recipient: $0, text: ApplicationMail.submitted(record: record, catalog: catalog, procedures: procedures)) }
        let procedureRows = procedures
        // One transaction, so one durable commit: the procedures, the submission, its timeline entry, the
        // mail that announces it and the audit entry are on disk together or not at all. Each run writes new
        // rows and the same values, so it may run again after a rollback (and beside other Cases' submissions).
        try await req.writePath.transaction(rerunnable: true, key: caseID) { db in
            let sql = try db.sql()
            // The submission claims the draft in one statement: of two submissions at once (a double tap, two
            // tabs), the second finds it submitted and changes nothing — one set of procedures, one mail.
            let now = Date()
            guard try await sql.raw("""
                UPDATE \(ident: CaseRecord.schema) SET submitted_at = \(bind: now), applicant_birth_date = \(bind: applicantBirthDate),
                updated_at = \(bind: now) WHERE id = \(bind: caseID) AND submitted_at IS NULL RETURNING id
                """).first() != nil else { return }
            try await CaseRows.replaceProcedures(of: caseID, with: procedureRows, on: sql)
            try await CaseRows.addTimeline(caseID, actor, "オンラインで申請（\(record.reference)）", on: sql)
            if let outgoing {
                try await OutgoingMail(recipient: outgoing.recipient, subject: outgoing.text.subject, body: outgoing.text.body).create(on: db)
            }
            try await CaseRows.addAudit(.caseChanged, caseID, "online submission", actor, on: sql)
        }
        record.submittedAt = Date()
        record.applicantBirthDate = applicantBirthDate
    }
}
