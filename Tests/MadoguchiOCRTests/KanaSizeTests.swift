import MadoguchiCore
@testable import MadoguchiOCR
import Testing

/// A small or large kana that could be either is spelt the way a name in the dictionary is spelt — and is still
/// left for a person to confirm.
@Suite struct KanaSizeTests {
    static let names = NameReadings(family: ["宮田": ["ミヤタ"], "上村": ["ウエムラ", "カミムラ"]],
                                    given: ["亮": ["リョウ", "アキラ"], "光子": ["ミツコ"], "美津子": ["ミツコ"]])

    static func reading(_ value: String) -> ZoneReading {
        let cells = value.map { ZoneReading.Cell(character: $0, confidence: $0 == "ャ" || $0 == "ヨ" || $0 == "ェ" || $0 == "ッ" ? 0.5 : 0.98) }
            + Array(repeating: ZoneReading.Cell(character: nil, confidence: 1), count: 10 - value.count)
        return ZoneReading(zone: "z", value: value, status: .doubtful, confidence: 0.5, cells: cells)
    }

    @Test(arguments: [("ミャタ", true, "ミヤタ"), ("ウェムラ", true, "ウエムラ"), ("リヨウ", false, "リョウ"), ("ミッコ", false, "ミツコ")])
    func aDoubtfulSizeIsSpeltAsTheNameIs(_ read: String, _ family: Bool, _ spelt: String) {
        let result = ZoneReader.spelledAsKnown(Self.reading(read), family: family, names: Self.names)
        #expect(result.value == spelt)
        #expect(result.status == .doubtful, "the dictionary is not the person: still confirmed by staff")
        #expect(String(result.cells.compactMap(\.character)) == spelt && result.cells.count == 10)
    }

    @Test func anUnknownNameOrTheOtherPartKeepsWhatWasRead() {
        #expect(ZoneReader.spelledAsKnown(Self.reading("キヨウコ"), family: false, names: Self.names).value == "キヨウコ", "not in the dictionary")
        #expect(ZoneReader.spelledAsKnown(Self.reading("ミャタ"), family: false, names: Self.names).value == "ミャタ", "a family name's reading, not a given name's")
        let accepted = ZoneReading(zone: "z", value: "ミャタ", status: .accepted, confidence: 0.9, cells: [])
        #expect(ZoneReader.spelledAsKnown(accepted, family: true, names: Self.names) == accepted)
    }
}
