/// Conversions between the kana forms a reading may arrive in: hiragana, full-width katakana,
/// half-width katakana (JIS X 0201, from older systems and some card readers) and separate
/// voicing marks.
enum Kana {
    /// 濁点 (゛) or 半濁点 (゜) in any of its forms: half-width ﾞ ﾟ, combining U+3099/U+309A
    /// (decomposed text) or spacing ゛ ゜.
    enum SoundMark { case dakuten, handakuten }

    static func soundMark(_ scalar: Unicode.Scalar) -> SoundMark? {
        switch scalar.value {
        case 0xFF9E, 0x3099, 0x309B: .dakuten
        case 0xFF9F, 0x309A, 0x309C: .handakuten
        default: nil
        }
    }

    /// A full-width katakana with the mark joined (カ + ゛ → ガ, ハ + ゜ → パ, ウ + ゛ → ヴ), or nil
    /// when the kana takes no such mark.
    static func withSoundMark(_ kana: Unicode.Scalar, _ mark: SoundMark) -> Unicode.Scalar? {
        let value = kana.value
        switch mark {
        case .dakuten:
            if kana == "ウ" { return "ヴ" }
            // カ キ ク ケ コ サ シ ス セ ソ タ チ ツ テ ト: the voiced kana follows each one.
            let voiceable: Set<UInt32> = [0x30AB, 0x30AD, 0x30AF, 0x30B1, 0x30B3, 0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD,
                                          0x30BF, 0x30C1, 0x30C4, 0x30C6, 0x30C8]
            if voiceable.contains(value) { return Unicode.Scalar(value + 1) }
            if halfVoiceable.contains(value) { return Unicode.Scalar(value + 1) }
            return nil
        case .handakuten:
            return halfVoiceable.contains(value) ? Unicode.Scalar(value + 2) : nil
        }
    }

    /// ハ ヒ フ ヘ ホ: バ follows ハ, パ follows バ.
    private static let halfVoiceable: Set<UInt32> = [0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB]

    /// The full-width katakana for a hiragana or half-width katakana; other characters unchanged.
    static func fullWidthKatakana(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let value = scalar.value
        switch value {
        case 0x3041...0x3096:  // ぁ … ゖ, ゔ included: katakana sit 0x60 above.
            return Unicode.Scalar(value + 0x60)
        case 0xFF65...0xFF9D:
            return halfWidth[Int(value - 0xFF65)]
        default:
            return scalar
        }
    }

    /// U+FF65 ･ … U+FF9D ﾝ, in code order.
    private static let halfWidth: [Unicode.Scalar] = Array(
        "・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"
            .unicodeScalars)
}
