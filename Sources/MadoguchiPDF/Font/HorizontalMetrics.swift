/// Advance widths and left side bearings of every glyph, from 'hmtx'.
///
/// Expanded to one entry per glyph at load, so layout (`textWidth`) and the PDF `/W` array
/// read an array instead of re-decoding the table, and a subset can write them back as-is.
struct HorizontalMetrics: Sendable {
    let advances: [UInt16]
    let leftSideBearings: [Int16]

    init(_ hmtx: FontTable, numberOfHMetrics: Int, numberOfGlyphs: Int) throws {
        let longCount = min(numberOfHMetrics, numberOfGlyphs)
        let shortCount = numberOfGlyphs - longCount
        try hmtx.require(0, longCount * 4 + shortCount * 2, "\(longCount) long and \(shortCount) short metrics")
        var advances = [UInt16](repeating: 0, count: numberOfGlyphs)
        var bearings = [Int16](repeating: 0, count: numberOfGlyphs)
        for glyph in 0..<longCount {
            advances[glyph] = hmtx.uncheckedUInt16(glyph * 4)
            bearings[glyph] = Int16(bitPattern: hmtx.uncheckedUInt16(glyph * 4 + 2))
        }
        // Glyphs past numberOfHMetrics share the last advance (monospaced tails, e.g. CJK).
        let lastAdvance = advances[longCount - 1]
        for index in 0..<shortCount {
            advances[longCount + index] = lastAdvance
            bearings[longCount + index] = Int16(bitPattern: hmtx.uncheckedUInt16(longCount * 4 + index * 2))
        }
        self.advances = advances
        self.leftSideBearings = bearings
    }
}
