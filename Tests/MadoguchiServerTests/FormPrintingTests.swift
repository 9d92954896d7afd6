import Foundation
import MadoguchiCore
import MadoguchiPDF
@testable import MadoguchiServer
import Testing
import VaporTesting

/// Names as a register holds them, printed on the 住民異動届: 𠮷 from the fallback font, a
/// character no font has reported, a 40+40-character name kept inside its box.
@Suite struct FormPrintingTests {
    static let poppler = FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext")
        && FileManager.default.isExecutableFile(atPath: "/usr/bin/pdffonts")
    static let ipamj = FileManager.default.fileExists(atPath: "/usr/share/fonts/truetype/ipamj/ipamjm.ttf")
    static let ipaex = TrueTypeFont.findIPAexGothic() != nil
    /// A CJK Extension G ideograph (Unicode 13): in neither IPAex nor IPAmj.
    static let unknown: Unicode.Scalar = "\u{3134A}"
    /// 氏 and 名 at the register's limit of 40 characters each, and their kana.
    static let longFamily = String(repeating: "髙橋", count: 20), longGiven = String(repeating: "健司", count: 20)
    static let longFamilyKana = String(repeating: "タカハシ", count: 10), longGivenKana = String(repeating: "ケンジロ", count: 10)

    static let catalog: Catalog? = try? CatalogLoader.load(directory: catalogDirectory)

    /// The 住民異動届 of one household, rendered as the counter prints it.
    static func moveIn(_ people: [(family: String, given: String, familyKana: String, givenKana: String)]) throws
        -> (rendered: CaseDocument.Rendered, layout: FormLayout) {
        let catalog = try #require(Self.catalog)
        let layout = try #require(catalog.forms["juki-idou-todoke"])
        let procedure = try #require(catalog.procedures.values.sorted { $0.code < $1.code }.first { $0.forms == ["juki-idou-todoke"] })
        let section = try #require(catalog.section(procedure.section))
        let persons = people.enumerated().map { index, name in
            CaseDocument.Person(position: index, name: name.family + "\u{3000}" + name.given, kana: name.familyKana + "\u{3000}" + name.givenKana,
                                birthDate: CivilDate(year: 1980, month: 1, day: 2), sex: "female", relation: index == 0 ? "head" : "child",
                                nationality: "JP", residenceStatus: nil, residenceExpiry: nil, myNumber: { nil })
        }
        let document = CaseDocument(
            catalog: catalog, reference: "T-0001", eventDate: CivilDate(year: 2026, month: 4, day: 1), notificationDate: nil,
            plannedMoveOutDate: nil, knownDate: nil, oldAddress: nil, newAddress: nil, dogs: 0, mopeds: 0, people: persons,
            items: [.init(procedure: procedure, section: section, deadline: nil, perMember: false, members: Array(persons.indices))],
            signature: [], today: CivilDate(year: 2026, month: 4, day: 1)!)
        var pdf = PDFDocument(title: "住民異動届", creationDate: Date(timeIntervalSince1970: 1_775_000_000))
        pdf.archival = true  // as CaseDocuments asks
        for page in try document.pages() { pdf.append(page) }
        return (CaseDocument.render(&pdf), layout)
    }

    @Test(.enabled(if: ipaex && ipamj && poppler, "needs fonts-ipaexfont, fonts-ipamj-mincho and poppler-utils"))
    func yoshidaPrintsFromIPAmjAndAnUnknownCharacterIsReported() throws {
        let printed = try Self.moveIn([("吉田", "花子", "ヨシダ", "ハナコ"), ("𠮷田", "一郎", "ヨシダ", "イチロウ"),
                                      ("山\(Self.unknown)", "桜", "ヤマ", "サクラ")]).rendered
        #expect(printed.unprintable == [Self.unknown], "𠮷 is in IPAmj; only U+3134A is in no font")
        #expect(!printed.archival, "a box (.notdef) is not PDF/A")
        #expect(printed.notice == "文字が印字できません: \(Self.unknown)（U+3134A）")
        let text = try #require(try pdfText(printed.bytes))
        #expect(text.contains("吉田"))
        #expect(text.contains("𠮷田"), "ToUnicode gives 𠮷 back: \(text)")
        #expect(text.contains("山\(Self.unknown)"))
        let fonts = try run("/usr/bin/pdffonts", printed.bytes)
        #expect(fonts.contains("+IPAexGothic") && fonts.contains("+IPAmjMincho"), "two subsets embedded: \(fonts)")
    }

    @Test func everyPrintableNameHasNoNotice() throws {
        let printed = try Self.moveIn([("山田", "花子", "ヤマダ", "ハナコ")]).rendered
        #expect(printed.unprintable.isEmpty && printed.notice == nil)
        // What a section files is PDF/A-2u when IPAex is embedded; with the viewer's font it cannot be.
        #expect(printed.archival == Self.ipaex)
    }

    @Test func theNoticeNamesInvisibleCharactersByCode() {
        let rendered = CaseDocument.Rendered(bytes: [], unprintable: [Self.unknown, "\u{E0100}"])
        #expect(rendered.notice == "文字が印字できません: \(Self.unknown)（U+3134A）、U+E0100")
    }

    @Test(.enabled(if: poppler, "needs poppler-utils (pdftotext)"))
    func aFortyPlusFortyCharacterNameStaysInItsBoxes() throws {
        let forty = (family: String(repeating: "山﨑", count: 10), given: String(repeating: "渡邊", count: 10))
        let (printed, layout) = try Self.moveIn([(Self.longFamily, Self.longGiven, Self.longFamilyKana, Self.longGivenKana),
                                                 (forty.family, forty.given, "ヤマザキ", "ワタナベ")])
        let words = try boundingBoxes(printed.bytes)
        // The whole name is printed, over several lines: nothing is cut.
        let nameCharacters = Set(Self.longFamily + Self.longGiven)
        let table = try #require(layout.table)
        let nameColumn = try #require(table.columns.first { $0.value == .memberName })
        let inTable = words.filter { $0.yMax > pt(table.y - table.rowHeight) && $0.yMin < pt(table.y + table.rowHeight / 2) }
        let nameWords = inTable.filter { $0.text.contains { nameCharacters.contains($0) } }
        #expect(nameWords.map(\.text).joined().filter { $0 != "\u{3000}" } == Self.longFamily + Self.longGiven)
        #expect(nameWords.count >= 2, "wrapped onto several lines")
        // No line is wider than the name column, nor leaves the first row's rules.
        let width = try #require(nameColumn.width)
        let rules = horizontalRules(layout, across: nameColumn.x, nameColumn.x + width)
        let rowTop = try #require(rules.filter { $0 < table.y }.max()), rowBottom = try #require(rules.filter { $0 > table.y }.min())
        for word in nameWords {
            #expect(word.xMin >= pt(nameColumn.x) - 0.5 && word.xMax <= pt(nameColumn.x + width) + 0.5, "\(word)")
            #expect(word.yMin >= pt(rowTop) - 0.5 && word.yMax <= pt(rowBottom) + 0.5, "\(word)")
            // 81 ems of name and 81 of フリガナ cannot share a 12 mm row at 7 pt (that takes 16 mm):
            // the name goes a little below the minimum rather than over the next row.
            #expect(word.size >= 5.5, "\(word)")
        }
        // A 40-character name (20+20) wraps at a size at or above the minimum, within the column.
        let fortyCharacters = Set(forty.family + forty.given)
        let fortyWords = inTableBelow(words, table).filter { $0.text.contains { fortyCharacters.contains($0) } }
        #expect(fortyWords.map(\.text).joined().filter { $0 != "\u{3000}" } == forty.family + forty.given)
        for word in fortyWords {
            #expect(word.size >= CaseDocument.minimumSize - 0.01, "legible: \(word)")
            #expect(word.xMin >= pt(nameColumn.x) - 0.5 && word.xMax <= pt(nameColumn.x + width) + 0.5, "\(word)")
        }
        // The フリガナ stays left of the next column's rule too, and the second row is untouched.
        let kanaCharacters = Set(Self.longFamilyKana + Self.longGivenKana)
        let kanaWords = inTable.filter { $0.text.count > 4 && $0.text.allSatisfy { kanaCharacters.contains($0) || $0 == "\u{3000}" } }
        #expect(!kanaWords.isEmpty)
        let nextColumn = try #require(table.columns.filter { $0.x > nameColumn.x }.map(\.x).min())
        for word in kanaWords { #expect(word.xMax <= pt(nextColumn), "\(word)") }
        // The 届出人 (the head) field, 55 mm wide, holds the same name within its width.
        let head = try #require(layout.fields.first { $0.value == .headName })
        let headWords = words.filter { abs($0.yMax - pt(head.y)) < pt(8) && $0.xMin >= pt(head.x) - 0.5 && $0.text.contains { nameCharacters.contains($0) } }
        #expect(headWords.map(\.text).joined().filter { $0 != "\u{3000}" } == Self.longFamily + Self.longGiven)
        for word in headWords { #expect(word.xMax <= pt(head.x + (head.width ?? 0)) + 0.5, "\(word)") }
    }

    @Test(.enabled(if: ipaex && poppler, "needs fonts-ipaexfont"))
    func theCounterLogsWhatItCouldNotPrint() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-in")
            var fields = familyOfFourFields.filter { $0.0 != "m3-given" }
            fields.append(("m3-given", "桜\(Self.unknown)"))
            _ = try await clerk.save(id, people: 4, fields)
            let response = try await clerk.browser.get("/counter/cases/\(id)/forms.pdf")
            #expect(response.status == .ok, "the forms still print")
            #expect(TestLogs.shared.text.contains("文字が印字できません: \(Self.unknown)（U+3134A）"))
        }
    }

    /// Words on the table's second row.
    private func inTableBelow(_ words: [Word], _ table: FormTable) -> [Word] {
        words.filter { $0.yMin > pt(table.y + table.rowHeight / 2) && $0.yMax < pt(table.y + table.rowHeight * 1.5) }
    }

    // MARK: - Reading the PDF

    struct Word: CustomStringConvertible {
        let text: String
        let xMin: Double, yMin: Double, xMax: Double, yMax: Double
        /// Poppler's box is the font's em box: its height is the size.
        var size: Double { yMax - yMin }
        var description: String { "\(text) [\(xMin)…\(xMax) × \(yMin)…\(yMax)]" }
    }

    /// `pdftotext -bbox`: every word with its box in points from the top-left, as poppler measures it.
    private func boundingBoxes(_ pdf: [UInt8]) throws -> [Word] {
        let html = try run("/usr/bin/pdftotext", pdf, arguments: ["-bbox"], trailing: ["-"])
        let pattern = try NSRegularExpression(pattern: #"<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>"#)
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap { match in
            func group(_ index: Int) -> String { Range(match.range(at: index), in: html).map { String(html[$0]) } ?? "" }
            guard let xMin = Double(group(1)), let yMin = Double(group(2)), let xMax = Double(group(3)), let yMax = Double(group(4)) else { return nil }
            return Word(text: group(5), xMin: xMin, yMin: yMin, xMax: xMax, yMax: yMax)
        }
    }

    private func run(_ tool: String, _ pdf: [UInt8], arguments: [String] = [], trailing: [String] = []) throws -> String {
        try runOnPDF(tool, pdf, arguments: arguments, trailing: trailing)
    }

    /// The y of every horizontal rule (line or box edge) of the layout reaching into `left…right`, in mm.
    private func horizontalRules(_ layout: FormLayout, across left: Double, _ right: Double) -> [Double] {
        layout.marks.flatMap { mark -> [Double] in
            switch mark {
            case .box(let box, _) where box.x < right && box.x + box.width > left: [box.y, box.y + box.height]
            case .line(let x1, let y1, let x2, let y2, _) where y1 == y2 && min(x1, x2) < right && max(x1, x2) > left: [y1]
            default: []
            }
        }
    }

    private func pt(_ mm: Double) -> Double { mm * 72 / 25.4 }
}
