@testable import MadoguchiOCR
import Testing

/// PP-OCR's output read back: blanks, repeats, what a zone allows, and confidences that mean something.
@Suite struct CTCDecoderTests {
    // Classes: 0 blank, 1 "3", 2 "３" (full-width, read as 3), 3 "タ", 4 "夕" (kanji), 5 "ダ", 6 space.
    let decoder = CTCDecoder(dictionary: "3\n３\nタ\n夕\nダ\n")

    /// One step: the class with most of the probability, the rest spread evenly.
    func step(_ winner: Int, _ p: Float, second: Int? = nil, _ q: Float = 0) -> [Float] {
        var row = [Float](repeating: 0, count: 7)
        row[winner] = p
        if let second { row[second] = q }
        let rest = (1 - p - q) / Float(7 - (second == nil ? 1 : 2))
        for index in 0..<7 where index != winner && index != second { row[index] = rest }
        return row
    }

    @Test func blanksAndRepeatsAreCollapsed() {
        // 3 3 _ 3 タ タ: "33タ" — a repeat across a blank is a second character.
        let steps = [step(1, 0.9), step(1, 0.8), step(0, 0.9), step(1, 0.9), step(3, 0.95), step(3, 0.85)]
        let read = decoder.decode(steps.flatMap { $0 }, steps: steps.count, allowed: nil)
        #expect(String(read.map(\.character)) == "33タ")
        #expect(abs(read[2].confidence - 0.9) < 0.001)
        #expect(decoder.classCount == 7)
    }

    @Test func aZoneOnlyGetsWhatItAllowsAndIsSureOfItOnceTheRestIsExcluded() {
        // The model is torn between the kanji 夕 (0.5) and the katakana タ (0.4); a katakana box can only be タ.
        let steps = [step(4, 0.5, second: 3, 0.4)]
        let any = decoder.decode(steps[0], steps: 1, allowed: nil)
        #expect(any.map(\.character) == ["夕"])
        let katakana = decoder.decode(steps[0], steps: 1, allowed: ["タ", "ダ"])
        #expect(katakana.map(\.character) == ["タ"])
        #expect(katakana[0].confidence > 0.85)  // 0.4 of the 0.4 + 0.02 + 0.02 + 0.02 the allowed classes hold
    }

    @Test func aFullWidthDigitIsTheDigitAndItsProbabilityCounts() {
        // Split between ASCII 3 (0.45) and full-width ３ (0.45): a digit box reads 3 at 0.9 of its mass, not 0.45.
        let read = decoder.decode(step(1, 0.45, second: 2, 0.45), steps: 1, allowed: ["3"])
        #expect(read.map(\.character) == ["3"])
        #expect(read[0].confidence > 0.9)
    }

    @Test func aWrongShapeReadsNothing() {
        #expect(decoder.decode([0.5, 0.5], steps: 1, allowed: nil).isEmpty)
    }
}
