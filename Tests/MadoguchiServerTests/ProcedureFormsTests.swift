import Foundation
import MadoguchiCore
import MadoguchiPDF
@testable import MadoguchiServer
import Testing

/// Every procedure prints on a form of its own, and everything a form declares is printed: each procedure's
/// form rendered for a household that answered everything, read back with pdftotext.
@Suite struct ProcedureFormsTests {
    static let catalog: Catalog? = try? CatalogLoader.load(directory: catalogDirectory)
    static let poppler = FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext")
    /// The frames others build on (`base:`): never a procedure's form by itself.
    static let frames: Set<String> = ["generic-shinsei", "frame-kojin-bango"]

    @Test func everyProcedurePrintsOnItsOwnForm() throws {
        let catalog = try #require(Self.catalog)
        #expect(catalog.procedures.count >= 49)
        for procedure in catalog.procedures.values.sorted(by: { $0.code < $1.code }) {
            #expect(!procedure.forms.isEmpty, "\(procedure.code) prints nothing")
            for id in procedure.forms {
                #expect(!Self.frames.contains(id), "\(procedure.code) prints on the common frame \(id)")
                let layout = try #require(catalog.forms[id])
                #expect(layout.title != "申請書・届書", "\(id) has no heading of its own")
            }
        }
    }

    @Test func aSchoolFormIsAddressedToTheBoardOfEducation() throws {
        let catalog = try #require(Self.catalog)
        for code in ["gakko.tennyugaku", "gakko.tenshutsu", "gakko.tenko"] {
            let form = try #require(catalog.procedures[code]?.forms.first.flatMap { catalog.forms[$0] })
            #expect(form.addressee == "サンプル市教育委員会　あて", "\(code)")
        }
        let mayor = try #require(catalog.forms["kodomo-iryo-shinsei"])
        #expect(mayor.addressee == nil)
    }

    @Test(.enabled(if: poppler, "needs poppler-utils (pdftotext)"))
    func everyFieldAFormDeclaresIsPrinted() throws {
        let catalog = try #require(Self.catalog)
        var checked = 0
        for procedure in catalog.procedures.values.sorted(by: { $0.code < $1.code }) {
            let section = try #require(catalog.section(procedure.section))
            let event = catalog.events.first { event in event.triggers.contains { $0.code == procedure.code } }
            for id in procedure.forms {
                let layout = try #require(catalog.forms[id])
                let document = Self.household(catalog, procedure: procedure, section: section, event: event?.id ?? "", layout: layout)
                let item = document.items[0]
                var pdf = PDFDocument(title: id, creationDate: Date(timeIntervalSince1970: 1_775_000_000))
                for page in try document.pages() { pdf.append(page) }
                let rendered = CaseDocument.render(&pdf)
                #expect(rendered.unprintable.isEmpty, "\(id): \(rendered.unprintable)")
                let text = try Self.text(rendered.bytes)
                let subject = document.people[0]
                for field in layout.fields + (layout.table?.columns ?? []) {
                    let people = field.value.isMemberValue && layout.table?.columns.contains(field) == true ? document.people : [subject]
                    for person in people {
                        let value = try document.value(field, layout: layout, item: item, person: person)
                        if value.isEmpty {
                            #expect(Self.blankIsRight(field, person: person, procedure: procedure, event: event?.id),
                                    "\(procedure.code) / \(id): \(field.value.rawValue) \(field.key ?? "") printed nothing")
                            continue
                        }
                        #expect(text.contains(Self.squeezed(value)), "\(procedure.code) / \(id): \(field.value.rawValue) \(field.key ?? "") = \(value)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 800)
    }

    /// Fields that are rightly blank for this household: a tick for another event, a Japanese national's
    /// nationality and 在留資格, the 個人番号 on a form that is not 個人番号利用事務.
    static func blankIsRight(_ field: FormField, person: CaseDocument.Person, procedure: Procedure, event: String?) -> Bool {
        switch field.value {
        case .eventTick: field.key != event
        case .memberNationality, .memberResidenceStatus, .memberResidenceExpiry, .memberResidenceCardNumber: person.nationality == "JP"
        case .memberMyNumber: !procedure.handlesMyNumber
        default: false
        }
    }

    /// A household of four that answered everything, one of them a foreign resident, with every detail the
    /// form asks for.
    static func household(_ catalog: Catalog, procedure: Procedure, section: Section, event: String,
                          layout: FormLayout) -> CaseDocument {
        let answers: [String: [String]] = [
            "insurance": ["national"], "pensionCategory": ["1"], "careCertification": ["care2"], "myNumberCard": ["standard"],
            "receives": ["jidoteate"], "pregnant": ["yes"], "needsNursery": ["yes"], "wantsSealRegistration": ["yes"],
            "publicServant": ["no"], "moving": ["yes"]]
        func person(_ position: Int, _ name: String, _ kana: String, _ relation: String, _ sex: String, _ year: Int,
                    nationality: String = "JP", number: String) -> CaseDocument.Person {
            let foreign = nationality != "JP"
            return CaseDocument.Person(
                position: position, name: name, kana: kana, birthDate: CivilDate(year: year, month: 5, day: 6), sex: sex,
                relation: relation, nationality: nationality, residenceStatus: foreign ? "永住者" : nil,
                residenceExpiry: foreign ? CivilDate(year: 2029, month: 3, day: 31) : nil, residenceCardNumber: foreign ? "AB12345678CD" : nil,
                myNumber: { number }, answers: answers)
        }
        let people = [
            person(1, "山田\u{3000}太郎", "ヤマダ\u{3000}タロウ", "head", "male", 1985, number: "123456789018"),
            person(2, "グエン\u{3000}ティ\u{3000}ラン", "グエン\u{3000}ティ\u{3000}ラン", "spouse", "female", 1988, nationality: "VN", number: "234567890123"),
            person(3, "山田\u{3000}花子", "ヤマダ\u{3000}ハナコ", "child", "female", 2016, number: "345678901238"),
            person(4, "山田\u{3000}次郎", "ヤマダ\u{3000}ジロウ", "child", "male", 2020, number: "456789012341"),
        ]
        let labels = (layout.fields + (layout.table?.columns ?? [])).filter { $0.value == .detail }.compactMap(\.key)
        let details = labels.enumerated().map { index, label in
            CaseDocument.Detail(procedure: procedure.code, label: label, value: "記載\(index + 1)番")
        }
        let address = { (line: String, postcode: String) in
            AddressRecord(postcode: postcode, prefecture: "栃木県", city: "サンプル市", town: line, banchi: "1-2", katagaki: "")
        }
        return CaseDocument(
            catalog: catalog, reference: "R-0042", eventDate: CivilDate(year: 2026, month: 4, day: 1),
            notificationDate: CivilDate(year: 2026, month: 4, day: 3), plannedMoveOutDate: CivilDate(year: 2026, month: 4, day: 20),
            knownDate: nil, oldAddress: address("旧町", "3290000"), newAddress: address("緑町", "3294105"), dogs: 1, mopeds: 1,
            eventID: event, people: people,
            items: [.init(procedure: procedure, section: section, deadline: CivilDate(year: 2026, month: 4, day: 15), perMember: false,
                          members: people.map(\.position))],
            signature: [], today: CivilDate(year: 2026, month: 4, day: 3)!, details: details)
    }

    /// The PDF's text in drawing order, without white space (a value shrunk or wrapped stays one run).
    static func text(_ pdf: [UInt8]) throws -> String {
        squeezed(try runOnPDF("/usr/bin/pdftotext", pdf, arguments: ["-raw"], trailing: ["-"]))
    }

    static func squeezed(_ text: String) -> String {
        String(text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
    }
}
