import Foundation
@testable import MadoguchiServer
import MadoguchiCore
import MadoguchiOCR
import Testing
import Vapor
import VaporTesting

/// The blank OCR-ready forms (`Catalog/paper/`), as a citizen downloads them, read back by real tools: poppler for
/// the text, zbar for the QR code on a 200 dpi raster of the page.
@Suite struct PaperFormsTests {
    static let tools = ["/usr/bin/pdftotext", "/usr/bin/pdftoppm", "/usr/bin/zbarimg"]
    static var haveTools: Bool { tools.allSatisfy { FileManager.default.isExecutableFile(atPath: $0) } }

    @Test(.enabled(if: haveTools, "needs poppler-utils and zbar-tools"), arguments: ["jidoteate-nintei", "juki-tenkyo", "kokuho-kanyu", "inu-henko"])
    func aBlankFormCarriesItsZonesAndAQRCodeThatNamesOnlyTheForm(_ id: String) async throws {
        try await withMadoguchi { app in
            let form = try #require(app.madoguchi.catalog.paperForms[id])
            let response = try await app.testing().sendRequest(.GET, "/paper/forms/\(id).pdf")
            #expect(response.status == .ok)
            #expect(response.headers.contentType == HTTPMediaType(type: "application", subType: "pdf"))
            #expect(response.headers.first(name: .cacheControl) == "no-store")
            let pdf = Array(response.body.readableBytesView)
            let text = try runOnPDF("/usr/bin/pdftotext", pdf, trailing: ["-"])
            for zone in form.zones { #expect(text.contains(zone.label.ja), "\(zone.id)'s label is printed") }
            for zone in form.zones {
                if case .choice(let options, _) = zone.kind { for option in options { #expect(text.contains(option.label.ja)) } }
                if case .date = zone.kind { for era in ["昭和", "平成", "令和"] { #expect(text.contains(era)) } }
            }
            let first = try qrCode(pdf)
            let label = try #require(PaperSheet.Label(first), "the QR code reads \(first)")
            #expect(label.form == id && label.version == form.version && label.page == 1)
            #expect(label.job.count == 8)
            // Every download is its own print job.
            let again = try await app.testing().sendRequest(.GET, "/paper/forms/\(id).pdf")
            let second = try qrCode(Array(again.body.readableBytesView))
            #expect(PaperSheet.Label(second)?.job != label.job)
        }
    }

    @Test func anUnknownFormIsNotFound() async throws {
        try await withMadoguchi { app in
            let unknown = try await app.testing().sendRequest(.GET, "/paper/forms/nothing.pdf")
            let noExtension = try await app.testing().sendRequest(.GET, "/paper/forms/jidoteate-nintei")
            #expect(unknown.status == .notFound && noExtension.status == .notFound)
        }
    }

    @Test(arguments: ["MDGP:x:1:1:ABCD2345", "MDGP:jidoteate-nintei:12:2:K7QM3TXA"])
    func labelsReadBack(_ text: String) throws {
        #expect(try #require(PaperSheet.Label(text)).text == text)
    }

    @Test(arguments: ["", "MDGP:x:1:1", "MDGQ:x:1:1:A", "MDGP::1:1:A", "MDGP:x:one:1:A", "MDGP:x:1:1:"])
    func otherCodesAreNotLabels(_ text: String) {
        #expect(PaperSheet.Label(text) == nil)
    }

    /// The page rasterized at 200 dpi in gray, as a scanner would give it, and what zbarimg reads in it.
    private func qrCode(_ pdf: [UInt8]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("madoguchi-paper-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("form.pdf")
        try Data(pdf).write(to: file)
        try run("/usr/bin/pdftoppm", ["-r", "200", "-gray", "-png", "-singlefile", file.path, folder.appendingPathComponent("page").path])
        return try run("/usr/bin/zbarimg", ["-q", "--raw", folder.appendingPathComponent("page.png").path])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @discardableResult
    private func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
