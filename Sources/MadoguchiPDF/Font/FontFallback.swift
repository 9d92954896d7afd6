/// Which of a primary font and its fallbacks draws a character: the primary when it has the
/// glyph, else the first fallback that has it, else the primary again (its .notdef prints, and
/// the character is reported missing). Layout and the PDF writer both decide through here, so
/// the widths text is laid out with are the widths the PDF declares.
enum FontFallback {
    /// 0 for `font`, `i + 1` for `fallbacks[i]`.
    @inline(__always)
    static func index(of scalar: Unicode.Scalar, font: TrueTypeFont, fallbacks: [TrueTypeFont]) -> Int {
        if fallbacks.isEmpty || font.glyphID(for: scalar) != nil { return 0 }
        for (index, fallback) in fallbacks.enumerated() where fallback.glyphID(for: scalar) != nil { return index + 1 }
        return 0
    }

    /// Like `TrueTypeFont.textWidth`, each character measured in the font that draws it.
    static func textWidth(_ text: String, size: Double, font: TrueTypeFont, fallbacks: [TrueTypeFont]) -> Double {
        // The primary font's units are summed as integers, so text it draws alone measures exactly
        // as `font.textWidth` does.
        var units = 0
        var fallbackEms = 0.0
        for scalar in text.unicodeScalars where !scalar.isVariationSelector {
            let index = index(of: scalar, font: font, fallbacks: fallbacks)
            if index == 0 {
                units += font.advance(of: font.glyphID(for: scalar) ?? 0)
            } else {
                let fallback = fallbacks[index - 1]
                fallbackEms += Double(fallback.advance(of: fallback.glyphID(for: scalar) ?? 0)) / Double(fallback.unitsPerEm)
            }
        }
        return Double(units) * size / Double(font.unitsPerEm) + fallbackEms * size
    }
}
