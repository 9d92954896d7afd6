import Foundation
import Testing
@testable import MadoguchiPDF

/// PDF/A-2u for what a section files, checked the way a validator (veraPDF) checks the parts we write: the XMP
/// claim and its agreement with /Info, the output intent's ICC profile, the file /ID, embedded fonts only, no
/// .notdef — and `qpdf --check` reads the whole file when installed.
@Suite("PDF/A-2u")
struct ArchivalTests {
    static func archival(_ text: String = "AB CE", font: PDFFontChoice? = nil) throws -> (bytes: [UInt8], document: PDFDocument) {
        var document = PDFStructureTests.sampleDocument()
        document.archival = true
        document.title = "住民異動届 <R-0001> & 署名"
        document.addPage { page in page.text(text, x: 40, y: 40, size: 10) }
        let bytes = document.render(font: try font ?? .embedded(try Fixtures.testFont()))
        return (bytes, document)
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func anEmbeddedFontDocumentClaimsPDFA2uAndSaysSoInXMP() throws {
        let (bytes, document) = try Self.archival()
        #expect(document.isArchival)
        let file = Self.text(bytes)
        #expect(file.contains("/Metadata ") && file.contains("/OutputIntents [<< /Type /OutputIntent /S /GTS_PDFA1"))
        let xmp = try #require(file.firstMatch(of: /<\?xpacket begin=[\s\S]*?<\?xpacket end="w"\?>/)).output
        #expect(xmp.contains("<pdfaid:part>2</pdfaid:part><pdfaid:conformance>U</pdfaid:conformance>"))
        // XMP repeats /Info: the title (escaped) and the creation date as the same instant.
        #expect(xmp.contains("<rdf:li xml:lang=\"x-default\">住民異動届 &lt;R-0001&gt; &amp; 署名</rdf:li>"))
        let info = try #require(file.firstMatch(of: /\/CreationDate \(D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)\+09'00'\)/)).output
        #expect(xmp.contains("<xmp:CreateDate>\(info.1)-\(info.2)-\(info.3)T\(info.4):\(info.5):\(info.6)+09:00</xmp:CreateDate>"))
        #expect(xmp.contains("<pdf:Producer>Madoguchi</pdf:Producer>") && file.contains("/Producer (Madoguchi)"))
        // The metadata stream is plain XML a validator reads without decoding.
        #expect(file.contains("/Type /Metadata /Subtype /XML >>\nstream\n<?xpacket"))
        // A file identifier in the trailer.
        #expect(file.contains(/trailer\n<<[^>]*\/ID \[<[0-9A-F]{32}> <[0-9A-F]{32}>\]/))
        #expect(!file.contains("/Encrypt") && !file.contains("/JavaScript") && !file.contains("/Transparency"))
    }

    @Test func theOutputIntentsProfileIsAWellFormedICCDisplayProfile() {
        let icc = ArchivalParts.sRGBProfile
        func u32(_ at: Int) -> Int { Int(icc[at]) << 24 | Int(icc[at + 1]) << 16 | Int(icc[at + 2]) << 8 | Int(icc[at + 3]) }
        func sig(_ at: Int) -> String { String(decoding: icc[at..<(at + 4)], as: UTF8.self) }
        #expect(u32(0) == icc.count, "the header's size is the profile's")
        #expect(icc[8] == 2, "ICC version 2")
        #expect(sig(12) == "mntr" && sig(16) == "RGB " && sig(20) == "XYZ " && sig(36) == "acsp")
        let count = u32(128)
        var tags: Set<String> = []
        for index in 0..<count {
            let entry = 132 + index * 12
            let (offset, size) = (u32(entry + 4), u32(entry + 8))
            #expect(offset % 4 == 0 && offset + size <= icc.count, "\(sig(entry))")
            tags.insert(sig(entry))
        }
        #expect(tags == ["desc", "cprt", "wtpt", "rXYZ", "gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC"], "what a display profile needs")
    }

    @Test func aBoxForAMissingCharacterOrAnUnembeddedFontIsNeverCalledPDFA() throws {
        let (missing, document) = try Self.archival("AB Z")
        #expect(!document.isArchival, "Z is not in the test font: drawn as .notdef")
        #expect(!Self.text(missing).contains("pdfaid"))
        let (standard, unembedded) = try Self.archival(font: .standardJapanese)
        #expect(!unembedded.isArchival)
        #expect(!Self.text(standard).contains("/OutputIntents"))
        var plain = PDFStructureTests.sampleDocument()
        _ = plain.render(font: .embedded(try Fixtures.testFont()))
        #expect(!plain.isArchival, "only when asked for")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/qpdf"), "needs qpdf"))
    func qpdfFindsNothingWrong() throws {
        let (bytes, _) = try Self.archival()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("archival-\(UUID().uuidString).pdf")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/qpdf")
        process.arguments = ["--check", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(output.contains("No syntax or stream encoding errors found"), "\(output)")
    }
}
