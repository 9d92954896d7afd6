import Foundation
import MadoguchiCore
@testable import MadoguchiOCR
import MadoguchiPDF

/// The test side of `SyntheticScans`: when the tools are there, and the sample catalog.
enum ScannedForms {
    /// Poppler and IPAex installed; and not the PostgreSQL run of the suite (nothing here touches a database, so
    /// CI's second run skips these slow tests instead of repeating them).
    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: SyntheticScans.pdftoppm) && TrueTypeFont.findIPAexGothic() != nil
            && ProcessInfo.processInfo.environment["MADOGUCHI_TEST_POSTGRES_URL"] == nil
    }

    static let catalog: Catalog = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try! CatalogLoader.load(directory: root.appendingPathComponent("Catalog").path)
    }()

    static func pdf(_ form: PaperForm, values: [String: String]) throws -> [UInt8] { try SyntheticScans.pdf(form, values: values) }
    static func raster(_ pdf: [UInt8], dpi: Int) throws -> GrayImage { try SyntheticScans.raster(pdf, dpi: dpi) }
    typealias Damage = SyntheticScans.Damage
    static func damage(_ image: GrayImage, dpi: Int, _ damage: Damage) -> (GrayImage, (Double, Double) -> (x: Double, y: Double)) {
        SyntheticScans.damage(image, dpi: dpi, damage)
    }
}
