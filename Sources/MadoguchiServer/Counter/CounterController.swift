import Fluent
import MadoguchiCore
import SQLKit
import Vapor

/// `/counter`: the no-writing counter (書かない窓口). Staff start or open a Case, take identity data
/// (typed or from the resident records), run the interview and see the procedures on one screen.
struct CounterController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let counter = routes.grouped("counter").grouped(RequireStaff(.counter, .admin))
        counter.get(use: home)
        counter.post("cases", use: create)
        counter.get("open", use: open)
        counter.get("cases", ":id", use: screen)
        counter.post("cases", ":id", use: save)
        counter.post("cases", ":id", "residents", use: addResident)
        counter.post("cases", ":id", "transition", use: transition)
        counter.post("cases", ":id", "details", use: saveDetails)
        counter.get("cases", ":id", "forms.pdf", use: forms)
        counter.get("cases", ":id", "attachments", ":attachment", use: attachment)
        counter.post("cases", ":id", "procedures", ":procedure", "resend", use: resend)
    }

    /// Start a Case or open one by reference; the open Cases of the counter.
    @Sendable func home(req: Request) async throws -> Response {
        // An online draft the citizen never submitted is not the counter's yet.
        let open = try await CaseRecord.query(on: req.db)
            .filter(\.$state ~~ [.draft, .confirmed, .signed, .handedOff])
            .group(.or) { $0.filter(\.$channel != "online").filter(\.$submittedAt != nil) }
            .sort(\.$createdAt, .descending).limit(50).all()
        return CounterHomeView.render(cases: open, catalog: req.madoguchi.catalog, signedIn: req.signedIn,
                                      error: req.query[String.self, at: "error"], PageContext(request: req)).response()
    }

    static func home(error: String, _ req: Request) -> Response {
        req.redirect(to: "/counter?error=" + (error.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
    }

    /// A new walk-in Case for the chosen life event.
    @Sendable func create(req: Request) async throws -> Response {
        let event = (try? req.content.get(String.self, at: "event")) ?? ""
        let record = try await CaseService(req: req).create(eventKind: event)
        return req.redirect(to: SitePath.counterCase(try record.requireID()).path)
    }

    /// Opens a Case by its reference, as typed or scanned (a QR code's URL works too).
    @Sendable func open(req: Request) async throws -> Response {
        let text = req.query[String.self, at: "ref"] ?? ""
        guard let reference = CaseReference.normalized(text),
              let record = try await CaseRecord.query(on: req.db).filter(\.$reference == reference).first() else {
            return Self.home(error: "参照番号の案件が見つかりません。", req)
        }
        if record.channel == "online", record.submittedAt == nil {
            return Self.home(error: "この受付番号の申請はまだ送信されていません（下書きです）。申請者に送信してもらうか、新しく案件を始めてください。", req)
        }
        if record.withdrawnAt != nil || record.state == .cancelled {
            return Self.home(error: "この受付番号の申請は取り下げ（取消）済みです。新しく案件を始めてください。", req)
        }
        return req.redirect(to: SitePath.counterCase(try record.requireID()).path)
    }

    /// The Case on one screen. Viewing is audited.
    @Sendable func screen(req: Request) async throws -> Response {
        let service = CaseService(req: req)
        let (record, members, procedures) = try await service.load(try caseID(req))
        try await req.audit(.caseViewed, caseID: record.id, detail: record.reference)
        let event = try eventDefinition(record, req)
        var form = CaseForm(event: event, record: record, members: members)
        if members.isEmpty { form = CaseForm.adding(to: form) }
        form.changed = Set((req.query[String.self, at: "changed"] ?? "").split(separator: ",").prefix(100).map(String.init))
        let query = req.query[String.self, at: "q"]?.trimmingCharacters(in: .whitespaces)
        let found = try await residentSearch(query, req: req, caseID: record.id)
        var screen = CaseScreen(record: record, form: form, procedures: procedures, timeline: try await timeline(record, req),
                                missing: service.missingForConfirmation(record, members: members), search: query, found: found,
                                notice: req.query[String.self, at: "notice"])
        // Only a path of the queue's own shape: the link must not lead anywhere else.
        screen.householdSizes = try await req.residents.householdSizes(Set(found.map(\.household)))
        if let query, !query.isEmpty { screen.pendingChanges = try await ResidentChanges.matching(query, on: req.db) }
        if let id = record.id {
            screen.attachments = try await CaseAttachments.summaries(of: id, on: req.db)
            screen.details = try await CaseDetail.of([id], on: req.db)[id] ?? []
        }
        if record.state == .draft, let username = req.signedIn?.user.username {
            screen.cardReads = try await CardAgents.pending(for: username, on: req.db)
        }
        if let desk = req.query[String.self, at: "desk"], let ticket = req.query[String.self, at: "ticket"],
           let match = desk.wholeMatch(of: /([A-Z_]{1,30})\/([0-9]{1,2})/), let number = Int(match.2),
           ticket.wholeMatch(of: /[A-Z]-[0-9]{3,4}/) != nil {
            screen.desk = (.queueDesk(section: String(match.1), number: number), ticket)
        }
        return try await CaseScreenView.render(
            screen,
            catalog: req.madoguchi.catalog, signedIn: req.signedIn, PageContext(request: req)).response()
    }

    /// Saves the form (or adds/removes a person first). Invalid input comes back with every error, and nothing is saved.
    @Sendable func save(req: Request) async throws -> Response {
        let service = CaseService(req: req)
        let (record, members, procedures) = try await service.load(try caseID(req))
        let event = try eventDefinition(record, req)
        var values = req.formFields() ?? [:]
        MyNumberEcho.open(&values, vault: req.madoguchi.vault)
        let people = min(GuideRequestParser.maxMembers, max(0, Int(values["people"] ?? "") ?? members.count))
        var form = CaseForm(event: event, people: people, values: values)
        form.completeLocalAddresses(req.madoguchi.catalog.localAddresses)
        let action = values["action"] ?? "save"
        if action == "add-member" { form = CaseForm.adding(to: form) }
        if action.hasPrefix("remove-member-"), let index = Int(action.dropFirst("remove-member-".count)) { form = form.removing(index) }
        let inputs = Int(values["staffInputs"] ?? "") ?? 0
        switch form.validated() {
        case .success(let update):
            try await service.save(update, to: record, staffInputs: inputs)
            return req.redirect(to: SitePath.counterCase(try record.requireID()).path(query: [("notice", "saved")]))
        case .failure(let failure):
            form.errors = failure.errors
            MyNumberEcho.seal(&form.values, people: form.people, vault: req.madoguchi.vault)
            try await req.audit(.caseViewed, caseID: record.id, detail: "form with errors")
            return try await CaseScreenView.render(
                CaseScreen(record: record, form: form, procedures: procedures, timeline: timeline(record, req),
                           missing: [], search: nil, found: [], notice: nil),
                catalog: req.madoguchi.catalog, signedIn: req.signedIn, PageContext(request: req)).response(status: .badRequest)
        }
    }

    /// Adds a person from the resident records (住民記録) to the Case, filled.
    @Sendable func addResident(req: Request) async throws -> Response {
        let service = CaseService(req: req)
        let (record, members, _) = try await service.load(try caseID(req))
        let registry = req.residents
        // One resident, or a whole household (those of it not in the Case yet), in register order.
        let residents: [Resident]
        if let household = try? req.content.get(String.self, at: "household") {
            let present = Set(members.compactMap(\.residentCode))
            let members = try await registry.residents(inHousehold: household)
            guard !members.isEmpty else { throw Abort(.badRequest, reason: "世帯が見つかりません。") }
            residents = members.filter { !present.contains($0.code) }
        } else {
            let code = (try? req.content.get(String.self, at: "code")) ?? ""
            guard let resident = try await registry.resident(code: code) else { throw Abort(.badRequest, reason: "住民票コードが見つかりません。") }
            residents = [resident]
        }
        let event = try eventDefinition(record, req)
        var form = CaseForm(event: event, record: record, members: members)
        for resident in residents {
            try await req.audit(.residentViewed, caseID: record.id, detail: "resident \(resident.code)")
            form.add(resident)
        }
        switch form.validated() {
        case .success(let update):
            try await service.save(update, to: record, staffInputs: Int((try? req.content.get(String.self, at: "staffInputs")) ?? "") ?? 1)
            return req.redirect(to: SitePath.counterCase(try record.requireID()).path(query: [("notice", "added")]))
        case .failure(let failure):
            throw Abort(.badRequest, reason: failure.errors.map(\.message).joined(separator: " "))
        }
    }

    /// confirm, edit, sign on paper, hand off, cancel.
    @Sendable func transition(req: Request) async throws -> Response {
        let service = CaseService(req: req)
        let (record, _, _) = try await service.load(try caseID(req))
        guard let event = (try? req.content.get(String.self, at: "event")).flatMap(CaseEvent.init(rawValue:)),
              [.confirm, .edit, .signOnPaper, .handOff, .cancel].contains(event) else {
            throw Abort(.badRequest, reason: "不明な操作です。")
        }
        let inputs = max(0, min(Int((try? req.content.get(String.self, at: "staffInputs")) ?? "") ?? 0, 1_000))
        try await service.apply(event, to: record) { stored in stored.staffInputs += inputs }
        return req.redirect(to: SitePath.counterCase(try record.requireID()).path)
    }

    /// A procedure its section returned, sent again once the counter has dealt with the reason: back on the
    /// section's work list, so the Case can complete.
    @Sendable func resend(req: Request) async throws -> Response {
        let caseID = try caseID(req)
        guard let procedureID = req.parameters.get("procedure").flatMap(UUID.init(uuidString:)),
              let procedure = try await CaseProcedureRecord.query(on: req.db).filter(\.$id == procedureID)
                .filter(\.$caseRecord.$id == caseID).with(\.$caseRecord).first() else { throw Abort(.notFound) }
        let note = ((try? req.content.get(String.self, at: "note")) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !note.isEmpty, note.count <= 500 else {
            throw Abort(.badRequest, reason: "何を直したか（500字まで）を書いてから再送してください。")
        }
        try await ProcedureProgress(req: req).apply(.resend, to: procedure, reason: nil, note: note)
        return req.redirect(to: SitePath.counterCase(caseID).path(query: [("notice", "resent")]))
    }

    /// A file the applicant attached, downloaded (audited).
    @Sendable func attachment(req: Request) async throws -> Response {
        guard let id = req.parameters.get("attachment").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        return try await CaseAttachments.download(id, caseID: try caseID(req), req: req)
    }

    /// Every form of the Case, filled, as one PDF. Printing is audited and the first print time kept.
    @Sendable func forms(req: Request) async throws -> Response {
        let service = CaseService(req: req)
        let (record, members, procedures) = try await service.load(try caseID(req))
        let bytes = try await CaseDocuments(req: req).pdf(record, members: members, procedures: procedures)
        // The click on "print" is a staff input too; the first print ends the open-to-print time. Both are
        // changed in the row itself (not from this page's copy), so a save or another print at the same moment
        // neither loses a count nor moves the first print.
        let caseID = try record.requireID()
        let entry = CaseTimelineEntry(caseID: caseID, actor: service.actor, what: "帳票を印刷（\(procedures.count)手続き）")
        try await req.writeTransaction { db in
            _ = try await RowCounter.add(1, to: "staff_inputs", of: CaseRecord.schema, id: caseID, on: db)
            if let sql = db as? any SQLDatabase {
                try await sql.raw("""
                    UPDATE \(ident: CaseRecord.schema) SET first_printed_at = \(bind: Date()) WHERE id = \(bind: caseID) AND first_printed_at IS NULL
                    """).run()
            }
            try await entry.create(on: db)
            try await req.audit(.documentPrinted, caseID: record.id, detail: "\(bytes.count) bytes", on: db)
        }
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "pdf")
        headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"\(record.reference).pdf\"")
        headers.cacheControl = .init(noStore: true)
        return Response(status: .ok, headers: headers, body: .init(data: Data(bytes)))
    }

    private func caseID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        return id
    }

    private func eventDefinition(_ record: CaseRecord, _ req: Request) throws -> EventDefinition {
        guard let event = req.madoguchi.catalog.event(record.eventKind) else {
            throw Abort(.internalServerError, reason: "The catalog no longer knows the event '\(record.eventKind)'.")
        }
        return event
    }

    private func timeline(_ record: CaseRecord, _ req: Request) async throws -> [CaseTimelineEntry] {
        try await CaseTimelineEntry.query(on: req.db).filter(\.$caseRecord.$id == record.requireID()).sort(\.$at).all()
    }

    /// Residents matching the counter's search; every search that shows people is audited.
    private func residentSearch(_ query: String?, req: Request, caseID: UUID?) async throws -> [Resident] {
        guard let query, !query.isEmpty else { return [] }
        let found = try await req.residents.search(query, limit: 20)
        try await req.audit(.residentViewed, caseID: caseID, detail: "search, \(found.count) shown (and movements not yet in the copy)")
        return found
    }
}
