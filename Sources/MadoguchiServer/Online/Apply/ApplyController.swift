import Fluent
import MadoguchiCore
import Vapor

/// `/apply`: a citizen prepares the procedures of the guide's result online, enters the household once,
/// checks the answers and submits; `/apply/{token}` is the secret link to resume a draft.
struct ApplyController: RouteCollection {
    /// What the citizen may change on the form: identity, addresses and dates. The interview answers come
    /// from the guide and stay as they were.
    static let editableMemberFields = ["family", "given", "familyKana", "givenKana", "birthDate", "sex", "relation"]

    func boot(routes: any RoutesBuilder) throws {
        routes.post("apply", use: start)
        let draft = routes.grouped("apply", ":token")
        draft.get(use: form)
        draft.on(.POST, body: .collect(maxSize: "6mb"), use: save)
        draft.on(.POST, "attachments", body: .collect(maxSize: "6mb"), use: attach)
        draft.get("check", use: check)
        draft.post("submit", use: submit)
        draft.get("done", use: done)
    }

    /// From the guide's result: the same household becomes a draft application.
    @Sendable func start(req: Request) async throws -> Response {
        try req.madoguchi.citizenLimits.allowSubmission(from: req)
        let values = req.formFields() ?? [:]
        guard let kind = values["event"], let definition = req.madoguchi.catalog.event(kind),
              let people = values["people"].flatMap(Int.init), (1...GuideForm.maxPeople).contains(people) else {
            throw Abort(.badRequest, reason: "手続きガイドからやり直してください。")
        }
        var guide = GuideForm(event: definition, people: people, values: values)
        guide.scopes = GuideForm.scopes(req.madoguchi.catalog)
        let parser = GuideRequestParser(catalog: req.madoguchi.catalog, readDate: { DateInput.parse($0) })
        let event: LifeEvent
        do { event = try parser.parse(guide.request()) } catch {
            throw Abort(.badRequest, reason: "手続きガイドの入力に誤りがあります。ガイドからやり直してください。")
        }
        let (_, token) = try await OnlineApplications(req: req).start(from: event)
        return req.redirect(to: SitePath.apply(token: token).path + PageContext(request: req).link("", []))
    }

    /// The application form (or, once submitted, the done page).
    @Sendable func form(req: Request) async throws -> Response {
        let (record, members, token) = try await load(req)
        if record.submittedAt != nil { return req.redirect(to: SitePath.applyDone(token: token).path) }
        let form = try caseForm(record, members, req)
        let attachments = try await CaseAttachments.summaries(of: try record.requireID(), on: req.db)
        let page = ApplyFormView.render(token: token, record: record, form: form, attachments: attachments, error: nil,
                                        catalog: req.madoguchi.catalog, hidden: CitizenForms.hiddenFields(req),
                                        mailOn: req.madoguchi.mail != nil, draftDays: req.madoguchi.draftDays, PageContext(request: req))
        return CitizenForms.attach(req, to: page.response())
    }

    /// Saves the draft; `action=check` goes on to the check-your-answers page. The form is one multipart
    /// form: `action=attach` stores the chosen file and `action=remove-attachment-{id}` removes one, and both
    /// come back to the form with everything typed still in it (saved too when it is complete).
    @Sendable func save(req: Request) async throws -> Response {
        // The draft must exist before its body is parsed: an unknown link costs one indexed read.
        let (record, members, token) = try await load(req)
        let context = PageContext(request: req)
        // A page left open past its token (a day, or cookies cleared) is sent back with everything typed and a
        // fresh token, not answered with an error that loses the typing.
        var expired = false
        // The body is parsed once (a multipart form with a file is not a [String: String]: its fields are read one by one).
        let decoded = req.formFields()
        do { try CitizenForms.verify(req, form: decoded) } catch let error as any AbortError where error.status == .forbidden { expired = true }
        guard record.submittedAt == nil else { return req.redirect(to: SitePath.applyDone(token: token).path) }
        var values = decoded ?? [:]
        values.removeValue(forKey: "file")
        let action = expired ? "expired" : values["action"] ?? "save"
        let caseID = try record.requireID()
        var problem: String? = expired ? context.t("画面の有効期限が切れていたため、まだ保存していません。入力した内容はそのままです。もう一度ボタンを押してください。",
                                                   "This page had expired, so nothing was saved yet. What you typed is still here: press the button again.") : nil
        var notice: String?
        let staysOnForm = expired || action == "attach" || action.hasPrefix("remove-attachment-")
        if action == "attach" {
            do {
                guard let file = try? req.content.get(File.self, at: "file") else {
                    throw CaseAttachments.Refused(messageJa: "ファイルを選んでください。", messageEn: "Choose a file.")
                }
                try await CaseAttachments.store(file, procedure: values["procedure"], caseID: caseID, catalog: req.madoguchi.catalog, req: req)
                notice = context.t("添付しました。", "The file was attached.")
            } catch let refused as CaseAttachments.Refused {
                problem = context.t(refused.messageJa, refused.messageEn)
            }
        } else if action.hasPrefix("remove-attachment-"),
                  let id = UUID(uuidString: String(action.dropFirst("remove-attachment-".count))) {
            try await CaseAttachments.remove(id, caseID: caseID, req: req)
            notice = context.t("添付を取り消しました。", "The file was removed.")
        }
        var form = try caseForm(record, members, req)
        for (key, value) in values where Self.isEditable(key) { form.values[key] = value }
        form.completeLocalAddresses(req.madoguchi.catalog.localAddresses)
        let email = (values["contactEmail"] ?? "").trimmingCharacters(in: .whitespaces)
        var errors: [FormFieldError] = []
        if !email.isEmpty, !Self.isPlausibleEmail(email) {
            errors.append(FormFieldError(fieldID: "contactEmail", message: context.t("メールアドレスを確認してください。", "Check the email address.")))
        }
        switch form.validated(context.language, messages: req.madoguchi.catalog.messages) {
        case .success where expired:
            break
        case .success(let update) where errors.isEmpty:
            let contact = email.isEmpty ? nil : email, expiry = Date().addingTimeInterval(req.madoguchi.draftLifetime)
            record.contactEmail = contact
            record.draftExpiresAt = expiry
            try await CaseService(req: req, actor: "citizen").save(update, to: record, staffInputs: 0,
                                                                   contact: DraftContact(email: contact, expiresAt: expiry))
            if !staysOnForm {
                let next = action == "check" ? SitePath.applyCheck(token: token).path : SitePath.apply(token: token).path(query: [("saved", "1")])
                return req.redirect(to: context.link(next, []))
            }
        case .success:
            form.errors = errors
        case .failure(let failure):
            // Attaching is not checking: what is incomplete is kept as typed, without error messages yet.
            form.errors = staysOnForm ? [] : failure.errors + errors
        }
        form.values["contactEmail"] = email
        let attachments = try await CaseAttachments.summaries(of: caseID, on: req.db)
        let status: HTTPResponseStatus = problem != nil || !form.errors.isEmpty ? .badRequest : .ok
        let page = ApplyFormView.render(token: token, record: record, form: form, attachments: attachments, error: problem, notice: notice,
                                        catalog: req.madoguchi.catalog, hidden: CitizenForms.hiddenFields(req), mailOn: req.madoguchi.mail != nil,
                                        draftDays: req.madoguchi.draftDays, context)
        return CitizenForms.attach(req, to: page.response(status: status))
    }

    /// A file for a procedure that asks for one: JPEG, PNG or PDF (by its bytes), 5 MB at most, 10 per
    /// application. (The form itself attaches through `save`; this is the same for scripts and old pages.)
    @Sendable func attach(req: Request) async throws -> Response {
        struct Upload: Content { var file: File?; var procedure: String?; var _csrf: String?; var website: String? }
        let (record, _, token) = try await load(req)
        try CitizenForms.verify(req)
        guard record.submittedAt == nil else { return req.redirect(to: SitePath.applyDone(token: token).path) }
        let upload = try req.content.decode(Upload.self)
        guard let file = upload.file else { throw Abort(.badRequest, reason: "ファイルを選んでください。") }
        do {
            try await CaseAttachments.store(file, procedure: upload.procedure, caseID: try record.requireID(), catalog: req.madoguchi.catalog, req: req)
        } catch let refused as CaseAttachments.Refused {
            let status: HTTPResponseStatus = refused.messageJa.contains("5MB") ? .payloadTooLarge
                : refused.messageJa.contains("JPEG") ? .unsupportedMediaType : .badRequest
            throw Abort(status, reason: refused.messageJa)
        }
        return req.redirect(to: PageContext(request: req).link(SitePath.apply(token: token).path, []) + "#attachments")
    }

    /// Check your answers.
    @Sendable func check(req: Request) async throws -> Response {
        let (record, members, token) = try await load(req)
        if record.submittedAt != nil { return req.redirect(to: SitePath.applyDone(token: token).path) }
        let procedures = try await record.$procedures.query(on: req.db).all()
        let missing = CaseService(req: req, actor: "citizen").missingForConfirmation(record, members: members)
        let attachments = try await CaseAttachments.summaries(of: try record.requireID(), on: req.db)
        let page = ApplyCheckView.render(token: token, record: record, members: members, procedures: procedures, missing: missing,
                                         attachments: attachments, catalog: req.madoguchi.catalog, hidden: CitizenForms.hiddenFields(req), PageContext(request: req))
        return CitizenForms.attach(req, to: page.response())
    }

    /// Submits: on disk before the reference is shown.
    @Sendable func submit(req: Request) async throws -> Response {
        try CitizenForms.verify(req)
        try req.madoguchi.citizenLimits.allowSubmission(from: req)
        let (record, members, token) = try await load(req)
        try await OnlineApplications(req: req).submit(record, members: members)
        return req.redirect(to: PageContext(request: req).link(SitePath.applyDone(token: token).path, []))
    }

    /// The reference, its QR code, and what happens next.
    @Sendable func done(req: Request) async throws -> Response {
        let (record, _, token) = try await load(req)
        guard record.submittedAt != nil else { return req.redirect(to: SitePath.apply(token: token).path) }
        let procedures = try await record.$procedures.query(on: req.db).all()
        // The QR code's URL: scanned at the counter it opens the Case, on a phone the status page.
        let attachments = try await CaseAttachments.summaries(of: try record.requireID(), on: req.db)
        return ApplyDoneView.render(record: record, procedures: procedures, catalog: req.madoguchi.catalog,
                                    referenceURL: req.absoluteURL(SitePath.caseReference(record.reference).path), mailOn: req.madoguchi.mail != nil,
                                    attachments: attachments, PageContext(request: req)).response()
    }

    private func load(_ req: Request) async throws -> (CaseRecord, [CaseMemberRecord], String) {
        let token = req.parameters.get("token") ?? ""
        let record = try await OnlineApplications(req: req).draft(token: token)
        let members = try await record.$members.query(on: req.db).sort(\.$position).all()
        return (record, members, token)
    }

    private func caseForm(_ record: CaseRecord, _ members: [CaseMemberRecord], _ req: Request) throws -> CaseForm {
        guard let event = req.madoguchi.catalog.event(record.eventKind) else { throw Abort(.notFound) }
        var form = CaseForm(event: event, record: record, members: members)
        form.values["contactEmail"] = record.contactEmail ?? ""
        return form
    }

    static func isEditable(_ key: String) -> Bool {
        if EventDateName(rawValue: key) != nil { return true }
        if key.hasPrefix("old-") || key.hasPrefix("new-") { return AddressInput.parts.contains(String(key.dropFirst(4))) }
        guard key.hasPrefix("m"), let dash = key.firstIndex(of: "-") else { return false }
        return editableMemberFields.contains(String(key[key.index(after: dash)...]))
    }

    static func isPlausibleEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return text.count <= 254 && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," })
    }
}
