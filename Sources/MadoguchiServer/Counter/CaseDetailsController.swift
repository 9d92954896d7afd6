import Fluent
import MadoguchiCore
import Vapor

/// What the Case's forms ask beyond the household (本籍, a dog's 登録番号, the 振込先), typed at the counter into
/// the Case's details and printed on the forms. Only while the Case is a draft: once confirmed, the forms are
/// what the citizen signs.
extension CounterController {
    /// The longest a detail may be: a 本籍 with its 番地 and a bank account both fit.
    static let detailMaximumLength = 200

    @Sendable func saveDetails(req: Request) async throws -> Response {
        guard let caseID = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        let service = CaseService(req: req)
        let (record, _, procedures) = try await service.load(caseID)
        guard record.state == .draft else {
            throw Abort(.conflict, reason: "確認済みの案件です。記載事項を直すには「修正に戻す」を押してください。")
        }
        let values = req.formFields() ?? [:]
        let catalog = req.madoguchi.catalog
        var typed: [(procedure: String, label: String, value: String)] = []
        for stored in procedures {
            guard let procedure = catalog.procedures[stored.code] else { continue }
            for label in catalog.detailLabels(of: procedure) {
                guard let raw = values[CaseDetailsPanel.fieldName(procedure: procedure.code, label: label)] else { continue }
                let value = raw.unicodeScalars.filter { !$0.properties.generalCategory.isControl }.map(String.init).joined()
                    .trimmingCharacters(in: .whitespaces)
                guard value.count <= Self.detailMaximumLength else {
                    throw Abort(.badRequest, reason: "「\(label)」は\(Self.detailMaximumLength)文字までです。")
                }
                typed.append((procedure.code, label, value))
            }
        }
        let entries = typed
        let inputs = max(0, min(Int(values["staffInputs"] ?? "") ?? 0, 1_000))
        let actor = service.actor
        let filled = typed.filter { !$0.value.isEmpty }.count
        try await req.writeTransaction { db in
            for entry in entries {
                try await CaseDetail.query(on: db).filter(\.$caseRecord.$id == caseID)
                    .filter(\.$procedureCode == entry.procedure).filter(\.$label == entry.label).delete()
            }
            let last = try await CaseDetail.query(on: db).filter(\.$caseRecord.$id == caseID).max(\.$position) ?? -1
            for (offset, entry) in entries.filter({ !$0.value.isEmpty }).enumerated() {
                try await CaseDetail(caseID: caseID, procedure: entry.procedure, position: last + 1 + offset,
                                     label: entry.label, value: entry.value).create(on: db)
            }
            // Counted in the row itself, so a save of the Case at the same moment loses no count.
            _ = try await RowCounter.add(inputs, to: "staff_inputs", of: CaseRecord.schema, id: caseID, on: db)
            try await CaseTimelineEntry(caseID: caseID, actor: actor, what: "届書の記載事項を保存（\(filled)件）").create(on: db)
        }
        try await req.audit(.caseChanged, caseID: caseID, detail: "details: \(filled) filled")
        return req.redirect(to: SitePath.counterCase(caseID).path(query: [("notice", "saved")]) + "#details")
    }
}

extension Unicode.GeneralCategory {
    var isControl: Bool { self == .control || self == .format || self == .lineSeparator || self == .paragraphSeparator }
}
