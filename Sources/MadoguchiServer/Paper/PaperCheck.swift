import Fluent
import Foundation
import MadoguchiCore
import Vapor

/// A checked page made a Case, as every door makes one: the values through the Case form and the one validator,
/// the form's own procedures (a 児童手当 claim is that claim, not every procedure of a birth), signed on paper by
/// the citizen, handed off to the section — with the page's image attached and the page marked done.
struct PaperCheck {
    let req: Request

    enum Outcome {
        case made(CaseRecord)
        /// What the validator or the completeness check refused, by zone id where a zone holds the field.
        case refused([FormFieldError])
    }

    struct AlreadyChecked: AbortError {
        var status: HTTPResponseStatus { .conflict }
        var reason: String { "このページは、ほかの職員がすでに処理しました。" }
    }

    /// The household the values make, checked as any door's: by the validator, then for completeness; the errors
    /// by zone id where a zone holds the field.
    func validate(form: PaperForm, values zoneValues: [String: String]) throws -> Result<CaseHousehold, CaseFormErrors> {
        let catalog = req.madoguchi.catalog
        guard let event = catalog.event(form.event) else { throw Abort(.internalServerError, reason: "用紙のできごと \(form.event) がカタログにありません。") }
        let (people, values) = form.caseValues(zoneValues)
        var caseForm = CaseForm(event: event, people: people, values: values)
        caseForm.completeLocalAddresses(catalog.localAddresses)
        let language = PageContext(request: req).language
        switch caseForm.validated(language) {
        case .failure(let failure):
            return .failure(CaseFormErrors(errors: failure.errors.map {
                FormFieldError(fieldID: form.zone(forField: $0.fieldID)?.id ?? $0.fieldID, message: $0.message)
            }))
        case .success(let household):
            let gaps = household.gaps(for: event)
            guard gaps.isEmpty else {
                return .failure(CaseFormErrors(errors: [FormFieldError(fieldID: "", message: (language == .en ? "Still missing: " : "まだ足りない項目があります：")
                                                                       + CaseGap.list(gaps, language))]))
            }
            return .success(household)
        }
    }

    func makeCase(page: PaperPage, form: PaperForm, values zoneValues: [String: String], results: [PaperZoneResult]) async throws -> Outcome {
        let catalog = req.madoguchi.catalog
        let household: CaseHousehold
        switch try validate(form: form, values: zoneValues) {
        case .failure(let failure): return .refused(failure.errors)
        case .success(let checked): household = checked
        }
        let service = CaseService(req: req)
        let record = try await service.create(eventKind: form.event, channel: "paper")
        let caseID = try record.requireID()
        // The form's procedures, as the rules place them; one the rules would not offer this household is still
        // claimed (the section decides), at its own section.
        var procedures = service.desk.procedures(for: household).filter { form.procedures.contains($0.code) }
        for code in form.procedures where !procedures.contains(where: { $0.code == code }) {
            if let procedure = catalog.procedures[code] {
                procedures.append(CaseProcedure(code: code, section: procedure.section, members: [], deadline: nil))
            }
        }
        let corrected = results.filter { (zoneValues[$0.zone] ?? "") != $0.value }.count
        _ = try await service.store.save(household, procedures: procedures, to: caseID, staffInputs: corrected, by: service.desk.actor)
        // The page is this Case's, once: two staff accepting the same page make one Case.
        let pageID = try page.requireID()
        let actor = service.actor, address = req.clientAddress
        let figures = Self.figures(form: form, results: results, kept: zoneValues)
        let attachment = CaseAttachment()
        attachment.$caseRecord.id = caseID
        attachment.procedureCode = form.procedures.first
        attachment.kind = AttachmentKind.png.rawValue
        attachment.fileName = "紙の申請書-\(form.id)-\(page.number).png"
        attachment.size = page.image.count
        attachment.content = page.image
        let details = form.details(zoneValues).enumerated().map { index, detail in
            CaseDetail(caseID: caseID, procedure: form.procedures.first, position: index, label: detail.label.ja, value: detail.value)
        }
        let taken = try await req.writeTransaction { db -> Bool in
            guard let current = try await PaperPage.find(pageID, on: db), current.state == .verify || current.state == .manual else { return false }
            current.state = .done
            current.caseID = caseID
            current.checkedBy = actor
            current.checkedAt = Date()
            current.figures = try JSONEncoder().encode(figures)
            try await current.save(on: db)
            try await attachment.create(on: db)
            for detail in details { try await detail.create(on: db) }
            try await CaseTimelineEntry(caseID: caseID, actor: actor, what: "紙の申請書（\(form.name.ja)）から作成").create(on: db)
            try await AuditEntry(at: Date(), actor: actor, action: AuditAction.paperPageVerified.rawValue, caseID: caseID,
                                 detail: "\(form.id) page \(page.number)", address: address).create(on: db)
            return true
        }
        guard taken else {
            try await service.apply(.cancel, to: record)
            throw AlreadyChecked()
        }
        // Signed on paper by the citizen: confirmed, signed, and on the sections' lists.
        try await service.apply(.confirm, to: record)
        try await service.apply(.signOnPaper, to: record)
        try await service.apply(.handOff, to: record)
        return .made(record)
    }

    /// Double keying: the first staff member's values kept, for a second to key the chosen zones blind.
    static func keepFirstKeying(_ page: PaperPage, values: [String: String], by actor: String, on req: Request) async throws {
        let id = try page.requireID()
        let first = try JSONEncoder().encode(values)
        let kept = try await req.writeTransaction { db -> Bool in
            guard let current = try await PaperPage.find(id, on: db), current.state == .verify, current.firstKeyBy == nil else { return false }
            current.firstKey = first
            current.firstKeyBy = actor
            try await current.save(on: db)
            return true
        }
        guard kept else { throw AlreadyChecked() }
    }

    /// Two keyings agree: the same text, or for a date the same day however it was spelt (S60.4.1, 昭和60年4月1日).
    static func same(_ first: String, _ second: String, in zone: PaperZone) -> Bool {
        if first == second { return true }
        if case .date = zone.kind, let a = DateInput.parse(first), let b = DateInput.parse(second) { return a == b }
        return false
    }

    /// Each zone's figure: what the machine read against what the person kept.
    static func figures(form: PaperForm, results: [PaperZoneResult], kept: [String: String]) -> [PaperZoneFigure] {
        form.zones.map { zone in
            let result = results.first { $0.zone == zone.id }
            return PaperZoneFigure(kind: zone.figureKind, read: result?.value ?? "", kept: kept[zone.id] ?? "", accepted: result?.isAccepted == true)
        }
    }
}
