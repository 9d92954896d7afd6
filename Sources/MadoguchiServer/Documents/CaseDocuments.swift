import Crypto
import Fluent
import Foundation
import MadoguchiCore
import MadoguchiPDF
import Vapor

/// Makes the Case's PDF from what is stored, and records that it was printed.
struct CaseDocuments {
    let req: Request

    /// The PDF of every form of the Case, filled (and signed, once signed).
    func pdf(_ record: CaseRecord, members: [CaseMemberRecord], procedures: [CaseProcedureRecord]) async throws -> [UInt8] {
        let details = try await CaseDetail.of([try record.requireID()], on: req.db).values.flatMap { $0 }
        return try rendered(record, members: members, procedures: procedures, details: details).bytes
    }

    /// The PDF and the characters no installed font could print, which are logged as
    /// 「文字が印字できません: …」 with the Case's reference.
    func rendered(_ record: CaseRecord, members: [CaseMemberRecord], procedures: [CaseProcedureRecord],
                  details: [CaseDetail] = []) throws -> CaseDocument.Rendered {
        let catalog = req.madoguchi.catalog
        let vault = req.madoguchi.vault
        guard let event = catalog.event(record.eventKind) else { throw Abort(.internalServerError) }
        let triggerOrder = Dictionary(uniqueKeysWithValues: event.triggers.enumerated().map { ($1.code, $0) })
        let sectionOrder = Dictionary(uniqueKeysWithValues: catalog.sections.enumerated().map { ($1.code, $0) })
        let items: [CaseDocument.Item] = procedures
            .sorted { (sectionOrder[$0.section] ?? 99, triggerOrder[$0.code] ?? 99) < (sectionOrder[$1.section] ?? 99, triggerOrder[$1.code] ?? 99) }
            .compactMap { stored in
                guard let procedure = catalog.procedures[stored.code], let section = catalog.section(stored.section) else { return nil }
                let perMember = event.triggers.first { $0.code == stored.code }?.perMember ?? false
                return CaseDocument.Item(procedure: procedure, section: section, deadline: stored.deadline.flatMap(CivilDate.init(iso:)),
                                         perMember: perMember, members: stored.members)
            }
        let people = members.sorted { $0.position < $1.position }.map { member in
            CaseDocument.Person(
                position: member.position,
                name: [member.familyName, member.givenName].filter { !$0.isEmpty }.joined(separator: "\u{3000}"),
                kana: [member.familyKana, member.givenKana].filter { !$0.isEmpty }.joined(separator: "\u{3000}"),
                birthDate: member.birthDate.flatMap(CivilDate.init(iso:)), sex: member.sex, relation: member.relation,
                nationality: member.nationality, residenceStatus: member.residenceStatus,
                residenceExpiry: member.residenceExpiry.flatMap(CivilDate.init(iso:)),
                residenceCardNumber: member.residenceCardNumber,
                myNumber: { [sealed = member.myNumberSealed, id = member.id] in
                    guard let sealed, let id else { return nil }
                    return try vault.open(sealed, purpose: CaseService.myNumberPurpose(id))
                },
                answers: Self.answers(member))
        }
        let document = CaseDocument(
            catalog: catalog, reference: record.reference,
            eventDate: record.eventDate.flatMap(CivilDate.init(iso:)), notificationDate: record.notificationDate.flatMap(CivilDate.init(iso:)),
            plannedMoveOutDate: record.plannedMoveOutDate.flatMap(CivilDate.init(iso:)), knownDate: record.knownDate.flatMap(CivilDate.init(iso:)),
            oldAddress: record.oldAddress, newAddress: record.newAddress, dogs: record.dogs, mopeds: record.mopeds,
            eventID: record.eventKind, people: people, items: items, signature: record.signature?.strokes ?? [], today: Self.today(),
            details: details.map(\.printed))
        var pdf = PDFDocument(title: "\(event.name.ja) \(record.reference)", creationDate: record.signedAt ?? Date())
        // What a section files: PDF/A-2u whenever the fonts allow it.
        pdf.archival = true
        for page in try document.pages() { pdf.append(page) }
        if pdf.pages.isEmpty {
            throw Abort(.conflict, reason: "印刷する帳票がありません。日付と対象者を保存して手続きを判定してください。")
        }
        let rendered = CaseDocument.render(&pdf)
        if let notice = rendered.notice {
            req.logger.warning("\(notice)", metadata: [
                "case": .string(record.reference), "count": .stringConvertible(pdf.missingCharacters.values.reduce(0, +))])
        }
        return rendered
    }

    /// A member's stored facts as answers by question, for `member.answer`.
    static func answers(_ member: CaseMemberRecord) -> [String: [String]] {
        let facts = member.facts
        var answers: [String: [String]] = [
            "relation": [member.relation], "sex": [member.sex], "nationality": [member.nationality],
            "moving": [facts.moving ? "yes" : "no"], "insurance": [facts.insurance], "careCertification": [facts.careCertification],
            "myNumberCard": [facts.myNumberCard], "receives": facts.receives]
        if let birthDate = member.birthDate { answers["birthDate"] = [birthDate] }
        if let category = facts.pensionCategory { answers["pensionCategory"] = [String(category)] }
        for flag in facts.flags { answers[flag] = ["yes"] }
        return answers
    }

    static func sha256(_ bytes: [UInt8]) -> String { Tokens.hexSHA256(bytes) }

    /// Today in Japan.
    static func today() -> CivilDate {
        JapanTime.dayAndMinute(Date().timeIntervalSince1970).date
    }
}

extension CaseDetail {
    /// As a form prints it.
    var printed: CaseDocument.Detail { CaseDocument.Detail(procedure: procedureCode, label: label, value: value) }
}
