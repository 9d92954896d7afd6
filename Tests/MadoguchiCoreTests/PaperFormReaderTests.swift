import Testing
@testable import MadoguchiCore

/// `paper/*.yaml`: the OCR-ready forms, and the mistakes a scan could not survive.
@Suite struct PaperFormReaderTests {
    @Test func theSampleChildAllowanceClaimLoads() throws {
        let form = try #require(SampleCatalog.catalog.paperForms["jidoteate-nintei"])
        #expect(form.event == "birth" && form.procedures == ["jidoteate.nintei"] && form.version == 1)
        #expect(form.preset == ["m0-relation": "head", "m1-relation": "newborn"])
        #expect(form.zone("child.birthDate")?.fields == ["eventDate", "m1-birthDate"])
        #expect(form.zone("claimant.familyKana")?.kind == .katakana(cells: 10))
        let birthDate = try #require(form.zone("claimant.birthDate"))
        #expect(PaperGeometry.boxes(birthDate).count == 9)  // 3 eras, YY MM DD
        // Every zone is clear of the others, the marks and the QR code (the reader checks; this is the sample).
        for zone in form.zones {
            let extent = PaperGeometry.extent(zone)
            #expect(extent.x >= 20 && extent.y >= 20 && extent.x + extent.width <= 190 && extent.y + extent.height <= 277)
        }
    }

    @Test(arguments: [
        ("at: [20, 80]}", "at: [60, 80]}", "overlaps"),
        ("field: m0-familyKana, at: [20, 80]}", "field: m0-nickname, at: [20, 80]}", "not a Case form field"),
        ("field: m0-familyKana, at: [20, 80]}", "field: m0-familyKana, at: [4, 80]}", "margin"),
        ("field: m0-familyKana, at: [20, 80]}", "field: m0-familyKana, at: [100, 34]}", "QR code"),
        ("event: birth\n", "event: wedding\n", "unknown event"),
        ("procedures: [jidoteate.nintei]", "procedures: [jidoteate.unknown]", "unknown procedure"),
        ("kind: katakana, cells: 10, field: m0-familyKana", "kind: katakana, cells: 30, field: m0-familyKana", "cells"),
        ("kind: katakana, cells: 10, field: m0-familyKana", "kind: kanji, cells: 10, field: m0-familyKana", "kind is"),
    ])
    func aMistakeNamesTheFileAndLine(old: String, new: String, says: String) throws {
        let files = try SampleCatalogFiles.replacing(old, with: new, in: "paper/jidoteate-nintei.yaml")
        let error = try #require(loadError(files))
        #expect(error.file == "paper/jidoteate-nintei.yaml" && error.line != nil)
        #expect(error.message.contains(says), "\(error.message)")
    }
}
