import Foundation
import MadoguchiCore
@testable import MadoguchiOCR
import Testing

/// Whole scans as files: every format a scanner writes, the form found by its QR code, and pages that cannot be
/// read kept for a person with the reason.
@Suite(.enabled(if: ScannedForms.available && Zbar.isInstalled, "needs poppler-utils, IPAex fonts and libzbar0"))
struct PageReaderTests {
    let form = ScannedForms.catalog.paperForms["jidoteate-nintei"]!
    let values = ["claimant.sex": "female", "claimant.insurance": "national", "address.postcode": "3294105", "child.birthDate": "R080401"]

    /// The filled page as poppler writes it in a format (`png`, `jpeg`, `tiff`) at 200 dpi.
    func file(_ format: String) throws -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("madoguchi-scanfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(try ScannedForms.pdf(form, values: values)).write(to: folder.appendingPathComponent("form.pdf"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: SyntheticScans.pdftoppm)
        process.arguments = ["-r", "200", "-gray", "-\(format)", "-singlefile", folder.appendingPathComponent("form.pdf").path, folder.appendingPathComponent("page").path]
        try process.run()
        process.waitUntilExit()
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasPrefix("page.") })
        return Array(try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    @Test func everyScannerFormatIsReadAndTheFormKnownByItsQRCode() throws {
        let reader = PageReader(forms: ScannedForms.catalog.paperForms, engine: nil)
        let pdf = try ScannedForms.pdf(form, values: values)
        for (kind, bytes) in [("pdf", pdf), ("png", try file("png")), ("jpeg", try file("jpeg")), ("tiff", try file("tiff"))] {
            let pages = try ScanFile.pages(bytes)
            #expect(pages.count == 1, "\(kind)")
            guard case .read(let label, let readings) = reader.read(pages[0]).outcome else { Issue.record("\(kind) not read"); continue }
            #expect(label.form == "jidoteate-nintei" && label.job == "TEST2345", "\(kind)")
            #expect(readings.first { $0.zone == "claimant.sex" }?.value == "female", "\(kind)")
            #expect(readings.first { $0.zone == "claimant.insurance" }?.value == "national", "\(kind)")
            // Without an OCR engine the written boxes are there but not read: for a person, never guessed.
            #expect(readings.first { $0.zone == "address.postcode" }?.status == .unreadable, "\(kind)")
        }
    }

    @Test func pagesThatCannotBeReadGoToAPersonWithTheReason() throws {
        let reader = PageReader(forms: ScannedForms.catalog.paperForms, engine: nil)
        guard case .manual(let noMarks) = reader.read(GrayImage(width: 1654, height: 2339)).outcome else { Issue.record("a blank page was read"); return }
        #expect(noMarks.contains("位置合わせのマーク"))
        // The page of a form this city does not have (or no longer prints in this version).
        var other = form
        other = PaperForm(id: "other-city-form", version: 1, name: form.name, event: form.event, procedures: form.procedures, zones: form.zones)
        let scan = try SyntheticScans.raster(try SyntheticScans.pdf(other, values: [:]), dpi: 200)
        guard case .manual(let unknown) = reader.read(scan).outcome else { Issue.record("another form was read"); return }
        #expect(unknown.contains("other-city-form"))
    }

    @Test func filesThatAreNotScansAreRefusedWithTheReason() {
        #expect(throws: ScanFile.Unreadable.unknownKind) { try ScanFile.pages(Array("hello".utf8)) }
        #expect(throws: ScanFile.Unreadable.damaged(.png)) { try ScanFile.pages([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0]) }
        #expect(throws: ScanFile.Unreadable.damaged(.pdf)) { try ScanFile.pages(Array("%PDF-1.4 nothing".utf8)) }
    }
}
