import Foundation
import Testing
@testable import MadoguchiPDF

/// Runs poppler's command-line tools on a real file: the nearest thing in CI to opening
/// the PDF at the counter. Skipped, with the reason shown, where poppler-utils is missing.
enum Poppler {
    static let tools = ["pdftotext", "pdffonts", "pdfinfo"]
    static var isInstalled: Bool { tools.allSatisfy { FileManager.default.isExecutableFile(atPath: "/usr/bin/" + $0) } }
    static let missing = "poppler-utils is not installed (needs /usr/bin/pdftotext, pdffonts, pdfinfo)"

    /// Writes `pdf` to a temporary file and runs `/usr/bin/<tool> <arguments> FILE <trailing>`.
    static func run(_ tool: String, _ arguments: [String] = [], on pdf: [UInt8], trailing: [String] = []) throws -> (output: String, errors: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("madoguchi-\(UUID().uuidString).pdf")
        try Data(pdf).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/" + tool)
        process.arguments = arguments + [file.path] + trailing
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(tool) exited with \(process.terminationStatus)")
        return (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}

@Suite("Round trip through poppler", .enabled(if: Poppler.isInstalled, Comment(rawValue: Poppler.missing)))
struct PopplerRoundTripTests {
    static let pageOne = ["氏名", "山田 太郎", "髙橋 一郎", "ヤマダ タロウ", "溺死 \u{F9EC}", "0123456789"]
    static let pageTwo = ["住所", "栃木県真岡市荒町5191", "生年月日 令和8年4月1日", "電話 0285-82-1111"]

    /// The brief's two-page sample: names with 髙 (outside JIS X 0208), katakana, digits, an
    /// address, and 溺 next to its compatibility twin 溺 (U+F9EC), which NFC would merge.
    static func household() -> PDFDocument {
        var document = PDFDocument(title: "住民異動届", creationDate: Fixtures.fixedDate)
        for lines in [pageOne, pageTwo] {
            document.addPage { page in
                for (index, line) in lines.enumerated() {
                    let y = 80 + Double(index) * 40
                    page.rect(x: 40, y: y - 22, width: 500, height: 32, lineWidth: 0.5)
                    page.text(line, x: 50, y: y, size: 12)
                }
            }
        }
        return document
    }

    @Test("pdftotext gives back every name, katakana, digit and address byte-exact (IPAex embedded)",
          .enabled(if: Fixtures.ipaex != nil, Comment(rawValue: Fixtures.ipaexMissing)))
    func embeddedTextExtracts() throws {
        var document = Self.household()
        let pdf = document.render(font: .embedded(try #require(Fixtures.ipaex)))
        #expect(document.missingCharacters.isEmpty)
        try expectExtracts(pdf)
        // 溺 and 溺 share one IPAex glyph, yet each extracts as itself.
        #expect(RenderedPDF(bytes: pdf).toUnicode.values.contains("F9EC"))
    }

    @Test("pdftotext gives back the same text without an embedded font")
    func standardTextExtracts() throws {
        var document = Self.household()
        let pdf = document.render(font: .standardJapanese)
        #expect(document.missingCharacters.isEmpty)
        try expectExtracts(pdf)
    }

    @Test("A 外字 the font lacks is counted and still extracts", .enabled(if: Fixtures.ipaex != nil, Comment(rawValue: Fixtures.ipaexMissing)))
    func missingCharacterExtracts() throws {
        var document = PDFDocument(creationDate: Fixtures.fixedDate)
        document.addPage { $0.text("吉\u{E000}子 𠮷野", x: 50, y: 80, size: 12) }   // 𠮷 U+20BB7 is not in IPAex
        let pdf = document.render(font: .embedded(try #require(Fixtures.ipaex)))
        #expect(document.missingCharacters == ["\u{E000}": 1, "\u{20BB7}": 1])
        let text = try Poppler.run("pdftotext", ["-layout"], on: pdf, trailing: ["-"]).output
        #expect(text.contains("吉\u{E000}子 𠮷野"), "got: \(text)")
    }

    @Test("pdffonts: IPAex embedded as a subset with ToUnicode", .enabled(if: Fixtures.ipaex != nil, Comment(rawValue: Fixtures.ipaexMissing)))
    func embeddedFontIsSubset() throws {
        var document = Self.household()
        let report = try Poppler.run("pdffonts", on: document.render(font: .embedded(try #require(Fixtures.ipaex))))
        let rows = fontRows(report.output)
        #expect(rows.count == 1, "one font shared by both pages: \(report.output)")
        let row = try #require(rows.first)
        #expect(row.range(of: #"^[A-Z]{6}\+IPAexGothic +CID TrueType +Identity-H +yes yes yes "#, options: .regularExpression) != nil, "\(row)")
        #expect(report.errors.isEmpty, "\(report.errors)")
    }

    @Test("pdffonts: HeiseiKakuGo-W5 is not embedded")
    func standardFontIsNotEmbedded() throws {
        var document = Self.household()
        let report = try Poppler.run("pdffonts", on: document.render(font: .standardJapanese))
        let rows = fontRows(report.output)
        #expect(rows.count == 1, "\(report.output)")
        let row = try #require(rows.first)
        #expect(row.range(of: #"^HeiseiKakuGo-W5 +CID Type 0 +UniJIS-UCS2-H +no +no +yes "#, options: .regularExpression) != nil, "\(row)")
    }

    @Test("pdfinfo: 2 pages, A4, PDF 1.7, producer and title (IPAex embedded)",
          .enabled(if: Fixtures.ipaex != nil, Comment(rawValue: Fixtures.ipaexMissing)))
    func pdfinfoEmbedded() throws {
        try expectTwoA4Pages(font: .embedded(try #require(Fixtures.ipaex)))
    }

    @Test("pdfinfo: 2 pages, A4, PDF 1.7, producer and title (standard Japanese font)")
    func pdfinfoStandard() throws {
        try expectTwoA4Pages(font: .standardJapanese)
    }

    private func expectTwoA4Pages(font: PDFFontChoice) throws {
        var document = Self.household()
        let report = try Poppler.run("pdfinfo", on: document.render(font: font))
        let info = report.output
        #expect(info.range(of: #"(?m)^Pages: +2$"#, options: .regularExpression) != nil, "\(info)")
        #expect(info.range(of: #"(?m)^Page size: +595\.28 x 841\.89 pts \(A4\)$"#, options: .regularExpression) != nil, "\(info)")
        #expect(info.range(of: #"(?m)^PDF version: +1\.7$"#, options: .regularExpression) != nil)
        #expect(info.range(of: #"(?m)^Producer: +Madoguchi$"#, options: .regularExpression) != nil)
        #expect(info.range(of: #"(?m)^Title: +住民異動届$"#, options: .regularExpression) != nil)
        #expect(report.errors.isEmpty, "poppler complained: \(report.errors)")
    }

    /// Every expected line is in pdftotext's output, on the right page; text never drawn is not.
    private func expectExtracts(_ pdf: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try Poppler.run("pdftotext", ["-layout"], on: pdf, trailing: ["-"])
        #expect(result.errors.isEmpty, "poppler complained: \(result.errors)", sourceLocation: sourceLocation)
        let pages = result.output.components(separatedBy: "\u{0C}")
        #expect(pages.count >= 2, sourceLocation: sourceLocation)
        for (expected, page) in [(Self.pageOne, pages.first ?? ""), (Self.pageTwo, pages.dropFirst().first ?? "")] {
            let lines = page.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            for line in expected {
                #expect(lines.contains(line), "“\(line)” not extracted from: \(page)", sourceLocation: sourceLocation)
            }
        }
        #expect(!result.output.contains("鈴木"), sourceLocation: sourceLocation)
        #expect(!pages[0].contains("栃木県"), "page 2's address must not be on page 1", sourceLocation: sourceLocation)
    }

    private func fontRows(_ report: String) -> [String] {
        Array(report.split(separator: "\n").dropFirst(2).map(String.init))
    }
}
