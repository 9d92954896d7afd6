extension Unicode.Scalar {
    /// Variation selectors (VS1–16 and the ideographic VS17–256 used by 戸籍 and
    /// 住民基本台帳 異体字, e.g. 葛󠄀). They pick a glyph form and are never drawn on their own.
    var isVariationSelector: Bool {
        (0xFE00...0xFE0F).contains(value) || (0xE0100...0xE01EF).contains(value)
    }
}
