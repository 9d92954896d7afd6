import Foundation
import MadoguchiCore
import MadoguchiPDF

/// Every form of a Case, filled, as one PDF: one click at the counter.
///
/// Procedures come in visiting order; a per-member procedure prints one form per member it concerns,
/// the others one form whose table lists them. The 個人番号 is printed only on forms of 個人番号利用事務
/// procedures (`myNumber: true` in the catalog), whatever a layout asks for.
struct CaseDocument {
    struct Person {
        let position: Int
        let name: String
        let kana: String
        let birthDate: CivilDate?
        let sex: String
        let relation: String
        let nationality: String
        let residenceStatus: String?
        let residenceExpiry: CivilDate?
        var residenceCardNumber: String?
        /// Opened only when a form that may show it is printed.
        let myNumber: () throws -> String?
        /// The member's answers as stored, by question (`insurance: [national]`, `receives: [jidoteate, …]`,
        /// `pregnant: [yes]`), printed by `member.answer`.
        var answers: [String: [String]] = [:]
    }

    /// What the application says beyond the household, by label (登録番号, 本籍), for one procedure or the whole Case.
    struct Detail {
        let procedure: String?
        let label: String
        let value: String

        /// What a form of `procedure` prints for `label`: that procedure's own value, else the Case's, else one
        /// typed for another procedure (a 本籍 is the same on every form). The counter's panel shows the same.
        static func value(of label: String, for procedure: String, in details: [Detail]) -> String {
            let labelled = details.filter { $0.label == label }
            return (labelled.first { $0.procedure == procedure } ?? labelled.first { $0.procedure == nil } ?? labelled.first)?.value ?? ""
        }
    }

    struct Item {
        let procedure: Procedure
        let section: Section
        let deadline: CivilDate?
        let perMember: Bool
        let members: [Int]
    }

    let catalog: Catalog
    let reference: String
    let eventDate: CivilDate?
    let notificationDate: CivilDate?
    let plannedMoveOutDate: CivilDate?
    let knownDate: CivilDate?
    let oldAddress: AddressRecord?
    let newAddress: AddressRecord?
    let dogs: Int
    let mopeds: Int
    /// The life event (`move-in`), for 異動事由 ticked.
    var eventID = ""
    let people: [Person]
    let items: [Item]
    /// Signature strokes, each point in 0…1 of the signature box.
    let signature: [[SignaturePoint]]
    let today: CivilDate
    var details: [Detail] = []

    /// The pages, ready to render.
    func pages() throws -> [PDFPage] {
        var pages: [PDFPage] = []
        for item in items {
            for formID in item.procedure.forms {
                guard let layout = catalog.forms[formID] else { continue }
                let concerned = people.filter { item.members.contains($0.position) }
                if item.perMember {
                    for person in concerned { pages.append(try page(layout, item: item, rows: [person], subject: person)) }
                } else {
                    let rowsPerPage = max(1, layout.table?.rows ?? concerned.count)
                    let chunks = stride(from: 0, to: max(concerned.count, 1), by: rowsPerPage).map {
                        Array(concerned[$0..<min($0 + rowsPerPage, concerned.count)])
                    }
                    for chunk in chunks { pages.append(try page(layout, item: item, rows: chunk, subject: chunk.first)) }
                }
            }
        }
        return pages
    }

    private func page(_ layout: FormLayout, item: Item, rows: [Person], subject: Person?) throws -> PDFPage {
        var page = PDFPage(size: .a4)
        let frame = FormFrame(layout, font: Self.font, kanaOffset: Self.kanaOffset)
        for mark in layout.marks {
            switch mark {
            case .box(let box, let width):
                page.rect(x: mm(box.x), y: mm(box.y), width: mm(box.width), height: mm(box.height), lineWidth: width * 2.835)
            case .line(let x1, let y1, let x2, let y2, let width):
                page.line(from: (mm(x1), mm(y1)), to: (mm(x2), mm(y2)), width: width * 2.835)
            case .text(let text, let x, let y, let size):
                page.text(text, x: mm(x), y: mm(y), size: size)
            }
        }
        for field in layout.fields {
            draw(try value(field, layout: layout, item: item, person: subject), field: field, y: field.y, frame: frame, on: &page)
        }
        if let table = layout.table {
            for (index, person) in rows.prefix(table.rows).enumerated() {
                let y = table.y + Double(index) * table.rowHeight
                for column in table.columns {
                    draw(try value(column, layout: layout, item: item, person: person), field: column,
                         y: column.value == .memberKana || column.value == .memberResidenceCardNumber ? y - Self.kanaOffset : y,
                         frame: frame, on: &page)
                }
            }
        }
        if let box = layout.signature, !signature.isEmpty {
            for stroke in signature where stroke.count > 1 {
                page.polyline(stroke.map { (mm(box.x + $0.x * box.width), mm(box.y + $0.y * box.height)) }, width: 1.2)
            }
        }
        return page
    }

    private func draw(_ text: String, field: FormField, y: Double, frame: FormFrame, on page: inout PDFPage) {
        guard !text.isEmpty else { return }
        if let cells = field.cells {
            for (index, character) in text.prefix(cells.count).enumerated() {
                let x = field.x + (Double(index) + 0.3) * cells.width
                page.text(String(character), x: mm(x), y: mm(y), size: field.size)
            }
            return
        }
        // A long value is never cut: shrunk to the box's width down to a legible size, then wrapped
        // inside the box (see `FormFrame`), never over the next column or row.
        guard let box = frame.box(for: field, baseline: y) else {
            page.text(text, x: mm(field.x), y: mm(y), size: field.size)
            return
        }
        let fitted = Self.font.fit(text, width: mm(box.right - field.x), height: mm(box.bottom - box.top),
                                   size: field.size, minimumSize: Self.minimumSize)
        guard fitted.lines.count > 1 else {
            page.text(fitted.lines.first ?? text, x: mm(field.x), y: mm(y), size: fitted.size)
            return
        }
        // Several lines: centred in the box.
        var baseline = mm(box.top) + max(0, (mm(box.bottom - box.top) - fitted.height) / 2) + fitted.size * Self.font.ascentRatio
        for line in fitted.lines {
            page.text(line, x: mm(field.x), y: baseline, size: fitted.size)
            baseline += fitted.lineSpacing
        }
    }

    /// The smallest size a value is shrunk to before it wraps: the smallest the catalog's layouts
    /// print anything at (フリガナ and footnotes, 7 pt ≈ 2.5 mm), below which the strokes of 髙 or
    /// 﨑 run together on a counter printer. Only a value too long even for its box wrapped at
    /// this size goes smaller (rather than over its neighbours).
    static let minimumSize = 7.0

    /// How far above a table row's baseline the フリガナ column is printed, in mm.
    static let kanaOffset = 4.5

    func value(_ field: FormField, layout: FormLayout, item: Item, person: Person?) throws -> String {
        func date(_ date: CivilDate?, foreign: Bool = false) -> String {
            guard let date else { return "" }
            switch field.format {
            case .iso: return date.iso
            case .wareki where !foreign: return Wareki.format(date)
            default: return foreign ? "\(date.year)年\(date.month)月\(date.day)日" : date.iso
            }
        }
        let head = people.first { $0.relation == "head" } ?? people.first
        switch field.value {
        case .reference: return reference
        case .municipality: return catalog.municipality.ja
        case .today: return date(today)
        case .eventDate: return date(eventDate)
        case .notificationDate: return date(notificationDate ?? today)
        case .plannedMoveOutDate: return date(plannedMoveOutDate)
        case .knownDate: return date(knownDate)
        case .oldAddress: return oldAddress?.printedLine ?? ""
        case .newAddress: return newAddress?.printedLine ?? ""
        case .oldPostcode: return oldAddress?.formattedPostcode ?? ""
        case .newPostcode: return newAddress?.formattedPostcode ?? ""
        case .oldKatagaki: return oldAddress?.katagaki ?? ""
        case .newKatagaki: return newAddress?.katagaki ?? ""
        case .headName: return head?.name ?? ""
        case .headKana: return head?.kana ?? ""
        case .procedureName: return item.procedure.name.ja
        case .procedureDeadline: return date(item.deadline)
        case .sectionName: return item.section.name.ja
        case .dogs: return String(dogs)
        case .mopeds: return String(mopeds)
        case .formTitle: return layout.title
        case .formAddressee: return layout.addressee ?? "\(catalog.municipality.ja)長\u{3000}あて"
        case .eventTick: return field.key == eventID ? "■" : ""
        case .detail:
            return Detail.value(of: field.key ?? "", for: item.procedure.code, in: details)
        case .memberAnswer:
            guard let person, let key = field.key else { return "" }
            return answer(key, person.answers[key] ?? [])
        case .memberName: return person?.name ?? ""
        case .memberKana: return person?.kana ?? ""
        case .memberBirthDate: return date(person?.birthDate, foreign: (person?.nationality ?? "JP") != "JP")
        case .memberSex: return person.map { $0.sex == "female" ? "女" : $0.sex == "male" ? "男" : "" } ?? ""
        case .memberRelation: return person.map { Self.relationJa($0.relation, sex: $0.sex) } ?? ""
        // 国籍・地域 is a foreign resident's: blank for a Japanese national, as on the 住民票.
        case .memberNationality: return person.map { $0.nationality == "JP" ? "" : CountryName.japanese($0.nationality) } ?? ""
        case .memberResidenceStatus: return person?.residenceStatus ?? ""
        case .memberResidenceExpiry: return person?.residenceExpiry.map { "\($0.year)年\($0.month)月\($0.day)日" } ?? ""
        case .memberResidenceCardNumber: return person?.residenceCardNumber ?? ""
        case .memberMyNumber:
            guard item.procedure.handlesMyNumber, let person else { return "" }
            return try person.myNumber() ?? ""
        }
    }


    /// An answer as the question's Japanese labels read it; a yes/no as はい or いいえ.
    private func answer(_ questionID: String, _ values: [String]) -> String {
        guard let question = catalog.memberQuestions.first(where: { $0.id == questionID }) else { return values.joined(separator: "、") }
        switch question.kind {
        case .choice(let options), .multipleChoice(let options):
            return values.map { value in options.first { $0.value == value }?.label.ja ?? value }.joined(separator: "、")
        case .yesNo:
            return values.contains("yes") ? "はい" : "いいえ"
        case .country:
            return values.map(CountryName.japanese).joined(separator: "、")
        case .date, .count:
            return values.joined(separator: "、")
        }
    }

    private func mm(_ value: Double) -> Double { value * 72 / 25.4 }

    /// 続柄 as the 住民票 prints it (妻 or 夫, 父 or 母), from the stored spellings.
    static func relationJa(_ relation: String, sex: String) -> String {
        Relation(rawValue: relation)?.residentRecordName(sex: Sex(rawValue: sex)) ?? ""
    }

    /// The font every document uses: IPAex Gothic when installed, with IPAmj Mincho (when installed)
    /// for the characters IPAex lacks (𠮷 and the rest of the MJ set); loaded once.
    static let font: PDFFontChoice = TrueTypeFont.findIPAexGothic().map {
        .embedded($0, fallbacks: [TrueTypeFont.findIPAmjMincho()].compactMap { $0 })
    } ?? .standardJapanese

    /// A rendered PDF and the characters it could not print.
    struct Rendered {
        let bytes: [UInt8]
        /// Characters no installed font has: printed as a box (☒), though they still extract as themselves.
        let unprintable: [Unicode.Scalar]
        /// Written as PDF/A-2u (fonts embedded, every character drawn).
        var archival = false

        /// 「文字が印字できません: 𱍊（U+3134A）」 for the clerk and the log; nil when everything printed.
        var notice: String? {
            guard !unprintable.isEmpty else { return nil }
            return "文字が印字できません: " + unprintable.map { scalar in
                let code = "U+" + String(scalar.value, radix: 16, uppercase: true)
                // Variation selectors, controls and unassigned code points show nothing by themselves.
                let visible = !scalar.properties.isVariationSelector && scalar.properties.generalCategory != .control
                    && scalar.properties.generalCategory != .unassigned && scalar.properties.generalCategory != .format
                return visible ? "\(Character(scalar))（\(code)）" : code
            }.joined(separator: "、")
        }
    }

    /// Renders `pdf` with the forms' fonts.
    static func render(_ pdf: inout PDFDocument) -> Rendered {
        let bytes = pdf.render(font: font)
        return Rendered(bytes: bytes, unprintable: pdf.unprintableCharacters, archival: pdf.isArchival)
    }
}

/// The strokes drawn on the signature pad. One JSON value in the database (PostgreSQL has no array of JSONB).
struct Signature: Codable, Sendable, Equatable {
    var strokes: [[SignaturePoint]]
}

/// One point of a signature stroke, in 0…1 of the signature box.
struct SignaturePoint: Codable, Sendable, Equatable {
    let x: Double
    let y: Double
}
