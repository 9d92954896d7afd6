import Foundation
import MadoguchiCore
@testable import MadoguchiOCR
import Testing

/// A scan is found on the printed page by its corner marks, turned, skewed and dirty as scans come.
@Suite(.enabled(if: ScannedForms.available, "needs poppler-utils (pdftoppm) and IPAex fonts"))
struct AlignmentTests {
    let form = ScannedForms.catalog.paperForms["jidoteate-nintei"]!

    @Test func aTurnedSkewedDirtyScanIsAlignedWithinHalfAMillimetre() throws {
        let pdf = try ScannedForms.pdf(form, values: [:])
        var worst = 0.0, aligned = 0
        let pages: [(dpi: Int, damage: ScannedForms.Damage)] = [
            (200, .init(degrees: -5, keystone: 0.01)), (200, .init(degrees: 2.5, blur: true)),
            (300, .init(degrees: 5, noise: 0.01, seed: 3)), (300, .init(degrees: -1.2, keystone: 0.015, blur: true)),
        ]
        var scans: [Int: GrayImage] = [:]
        for (dpi, damage) in pages {
            let scan = try scans[dpi] ?? ScannedForms.raster(pdf, dpi: dpi)
            scans[dpi] = scan
            do {
                let (damaged, truth) = ScannedForms.damage(scan, dpi: dpi, damage)
                guard case .success(let page) = AlignedPage.align(damaged) else {
                    Issue.record("not aligned at \(dpi) dpi, \(damage)")
                    continue
                }
                aligned += 1
                // Every box corner of every zone: where the alignment says it is, against where it truly is.
                let pixelsPerMM = Double(dpi) / 25.4
                for zone in form.zones {
                    for box in PaperGeometry.boxes(zone) {
                        for (x, y) in [(box.x, box.y), (box.x + box.width, box.y + box.height)] {
                            let found = page.scanPoint(x, y), real = truth(x, y)
                            worst = max(worst, hypot(found.x - real.x, found.y - real.y) / pixelsPerMM)
                        }
                    }
                }
            }
        }
        #expect(aligned == pages.count)
        #expect(worst < 0.5, "the worst box corner is \(worst) mm off")
    }

    @Test func aPageWithoutItsMarksIsNotGuessed() throws {
        let scan = try ScannedForms.raster(try ScannedForms.pdf(form, values: [:]), dpi: 150)
        var cut = scan
        // The bottom strip lost (a page fed short): the two lower marks are gone.
        for y in (scan.height * 9 / 10)..<scan.height { for x in 0..<scan.width { cut[x, y] = 255 } }
        guard case .failure(let missing) = AlignedPage.align(cut) else { Issue.record("aligned without its lower marks"); return }
        #expect(missing.corners == [2, 3])
        #expect(missing.description.contains("左下・右下"))
        #expect(throws: Never.self) { _ = AlignedPage.align(GrayImage(width: 40, height: 60)) }  // a blank, tiny image
    }
}
