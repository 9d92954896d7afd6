import Foundation
import MadoguchiCore
@testable import MadoguchiOCR
import Testing

/// The engines as installed: each reads a printed postcode from a form; a missing one says what to install.
@Suite struct EngineTests {
    @Test(.enabled(if: ScannedForms.available && (try? TesseractLineRecognizer()) != nil, "needs Tesseract (jpn)"))
    func tesseractReadsAPostcodeFromItsBoxes() throws {
        let form = ScannedForms.catalog.paperForms["jidoteate-nintei"]!
        let scan = try ScannedForms.raster(try ScannedForms.pdf(form, values: ["address.postcode": "3294105"]), dpi: 300)
        guard case .success(let page) = AlignedPage.align(scan) else { Issue.record("not aligned"); return }
        let reading = ZoneReader(page: page, engine: try TesseractLineRecognizer()).read(form.zone("address.postcode")!)
        #expect(reading.value == "3294105")
    }

    @Test func missingEnginesSayWhatToInstall() {
        #expect(Tesseract.Unavailable.libraryMissing(tried: ["x"]).description.contains("apt install tesseract-ocr tesseract-ocr-jpn"))
        #expect(PPOCRRecognizer.Unavailable.modelsMissing(tried: ["/nowhere"]).description.contains("pip install"))
        do {
            _ = try PPOCRRecognizer(models: "/nowhere")
            Issue.record("no models, yet an engine")
        } catch {
            #expect(error.description.contains("/nowhere"))
        }
    }

    @Test func anEmptyZoneIsBlankWithoutAnEngine() throws {
        // Ticks and blanks need no OCR engine: an installation without one still sorts pages and reads choices.
        guard ScannedForms.available else { return }
        let form = ScannedForms.catalog.paperForms["jidoteate-nintei"]!
        let scan = try ScannedForms.raster(try ScannedForms.pdf(form, values: ["claimant.sex": "male", "claimant.publicServant": "on"]), dpi: 200)
        guard case .success(let page) = AlignedPage.align(scan) else { Issue.record("not aligned"); return }
        let reader = ZoneReader(page: page, engine: nil)
        #expect(reader.read(form.zone("claimant.sex")!).value == "male")
        #expect(reader.read(form.zone("claimant.publicServant")!).value == "on")
        #expect(reader.read(form.zone("claimant.insurance")!).status == .blank)
        #expect(reader.read(form.zone("address.postcode")!).status == .blank)
    }
}
