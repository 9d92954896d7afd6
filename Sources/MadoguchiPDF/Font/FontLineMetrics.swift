/// Ascent, descent and cap height in font units, for the PDF `/FontDescriptor`.
///
/// Taken from 'OS/2' (typographic values, cap height from version 2 on) because that is
/// what the font's designers meant for layout; 'hhea' is the fallback when 'OS/2' is absent
/// or too short, and cap height falls back to 70 % of the ascent, a usual CJK proportion.
struct FontLineMetrics: Sendable {
    let ascent: Int
    let descent: Int
    let capHeight: Int

    init(os2: FontTable?, horizontalHeader: HorizontalHeader) {
        var ascent = horizontalHeader.ascender
        var descent = horizontalHeader.descender
        var capHeight: Int?
        if let os2, let typoAscender = try? os2.int16(68), let typoDescender = try? os2.int16(70),
           typoAscender > 0 {
            ascent = Int(typoAscender)
            descent = Int(typoDescender)
            if let version = try? os2.uint16(0), version >= 2, let cap = try? os2.int16(88), cap > 0 {
                capHeight = Int(cap)
            }
        }
        self.ascent = ascent
        self.descent = descent
        self.capHeight = capHeight ?? ascent * 7 / 10
    }
}
