/// 氏名の振り仮名: the reading of a name, in katakana as the 戸籍 records it since the 2025 reform
/// (戸籍法13条, in force 2025-05-26).
///
/// People type readings every which way — hiragana, half-width ｶﾀｶﾅ from old systems, a space
/// of either width between 氏 and 名 — so input is brought to the one stored form: full-width
/// katakana, the parts of the name separated by one full-width space (`タカハシ　ケンジ`).
/// Anything that is not a reading (kanji, latin letters, digits, symbols) is refused, not dropped.
public enum Furigana {
    /// The stored form of a typed reading, or nil when it contains anything but kana, `ー`, `・`
    /// and spaces, or nothing at all.
    ///
    /// Accepted katakana are ァ–ヶ (ヴ and the small kana included), `ー` and `・`; hiragana
    /// become katakana (ゔ → ヴ); half-width katakana become full-width, a following ﾞ or ﾟ joined
    /// to it (ｶﾞ → ガ, ﾊﾟ → パ, ｳﾞ → ヴ); a combining or spacing (han)dakuten after a kana is joined
    /// the same way. Runs of spaces become one full-width space; spaces around the reading go.
    public static func normalized(_ text: String) -> String? {
        var parts: [[Unicode.Scalar]] = [[]]
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\u{3000}" {
                if !(parts.last?.isEmpty ?? true) { parts.append([]) }
                continue
            }
            if let mark = Kana.soundMark(scalar) {
                guard let previous = parts[parts.count - 1].popLast(),
                      let joined = Kana.withSoundMark(previous, mark) else { return nil }
                parts[parts.count - 1].append(joined)
                continue
            }
            guard let katakana = Kana.fullWidthKatakana(scalar), isAllowed(katakana) else { return nil }
            parts[parts.count - 1].append(katakana)
        }
        if parts.last?.isEmpty ?? false { parts.removeLast() }
        guard !parts.isEmpty else { return nil }
        var result = String.UnicodeScalarView()
        for (index, part) in parts.enumerated() {
            if index > 0 { result.append("\u{3000}") }
            result.append(contentsOf: part)
        }
        return String(result)
    }

    /// Whether `text` can be read as a reading at all (see `normalized`); store the normalized form.
    public static func isValid(_ text: String) -> Bool {
        normalized(text) != nil
    }

    /// ァ (U+30A1) … ヶ (U+30F6), which includes ヴ, plus ・ and ー.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        (0x30A1...0x30F6).contains(scalar.value) || scalar == "・" || scalar == "ー"
    }
}
