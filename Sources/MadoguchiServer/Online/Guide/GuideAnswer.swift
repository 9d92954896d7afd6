import Foundation
import MadoguchiCore
import NIOCore

/// The guide API's `200` body (`docs/guide-api.md`).
struct GuideAnswer: Encodable {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()

    struct Name: Encodable {
        let ja: String
        let en: String
    }

    struct Item: Encodable {
        let code: String
        let section: String
        let sectionName: String
        let name: Name
        let members: [String]
        /// ISO date, or null when the procedure has no deadline.
        let deadline: String?
        let deadlineRule: String
        let forms: [String]
        let bring: [String]
        let whoMayFile: [String]
        let online: Bool
        let perMember: Bool
        let handlesMyNumber: Bool
        let reason: String

        enum CodingKeys: String, CodingKey {
            case code, section, sectionName, name, members, deadline, deadlineRule, forms, bring, whoMayFile, online,
                 perMember, handlesMyNumber, reason
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(code, forKey: .code)
            try c.encode(section, forKey: .section)
            try c.encode(sectionName, forKey: .sectionName)
            try c.encode(name, forKey: .name)
            try c.encode(members, forKey: .members)
            try c.encode(deadline, forKey: .deadline)  // an explicit null, as the contract says
            try c.encode(deadlineRule, forKey: .deadlineRule)
            try c.encode(forms, forKey: .forms)
            try c.encode(bring, forKey: .bring)
            try c.encode(whoMayFile, forKey: .whoMayFile)
            try c.encode(online, forKey: .online)
            try c.encode(perMember, forKey: .perMember)
            try c.encode(handlesMyNumber, forKey: .handlesMyNumber)
            try c.encode(reason, forKey: .reason)
        }
    }

    let event: String
    let findings: [Finding]
    let language: Language

    init(event: String, findings: [Finding], language: Language) {
        self.event = event
        self.findings = findings
        self.language = language
    }

    /// The contract's items, as `encoder` writes them (the tests' reference for `json`, which does not build them).
    var procedures: [Item] {
        findings.map { finding in
            let procedure = finding.procedure
            return Item(
                code: procedure.code,
                section: procedure.section,
                sectionName: finding.section.name.text(language),
                name: Name(ja: procedure.name.ja, en: procedure.name.en),
                members: finding.members,
                deadline: finding.deadline?.iso,
                deadlineRule: finding.trigger.deadline.id,
                forms: procedure.forms,
                bring: procedure.bring.map { $0.text(language) },
                whoMayFile: procedure.whoMayFile.map { $0.text(language) },
                online: procedure.online,
                perMember: finding.trigger.perMember,
                handlesMyNumber: procedure.handlesMyNumber,
                reason: finding.trigger.reason.text(language))
        }
    }

    private enum CodingKeys: String, CodingKey { case event, procedures }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(event, forKey: .event)
        try c.encode(procedures, forKey: .procedures)
    }

    /// The answer as JSON, written directly from the findings (the same document `encoder` writes, keys in the
    /// same order), without the items in between: building and freeing them was 5 % of the API's time.
    func json(allocator: ByteBufferAllocator) -> ByteBuffer {
        var writer = JSONWriter(allocator: allocator, capacity: 1024 + findings.count * 768)
        writer.object { w in
            w.key("event"); w.string(event)
            w.key("procedures")
            w.array(findings) { w, finding in
                let procedure = finding.procedure
                w.object { w in
                    w.key("code"); w.string(procedure.code)
                    w.key("section"); w.string(procedure.section)
                    w.key("sectionName"); w.string(finding.section.name.text(language))
                    w.key("name"); w.object { w in
                        w.key("ja"); w.string(procedure.name.ja)
                        w.key("en"); w.string(procedure.name.en)
                    }
                    w.key("members"); w.strings(finding.members)
                    w.key("deadline"); w.string(finding.deadline?.iso)
                    w.key("deadlineRule"); w.string(finding.trigger.deadline.id)
                    w.key("forms"); w.strings(procedure.forms)
                    w.key("bring"); w.array(procedure.bring) { w, text in w.string(text.text(language)) }
                    w.key("whoMayFile"); w.array(procedure.whoMayFile) { w, text in w.string(text.text(language)) }
                    w.key("online"); w.bool(procedure.online)
                    w.key("perMember"); w.bool(finding.trigger.perMember)
                    w.key("handlesMyNumber"); w.bool(procedure.handlesMyNumber)
                    w.key("reason"); w.string(finding.trigger.reason.text(language))
                }
            }
        }
        return writer.buffer
    }
}
