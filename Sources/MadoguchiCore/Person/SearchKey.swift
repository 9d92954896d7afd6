/// A folded form of a name, for finding people — never for storing or printing them.
///
/// Staff type the common character (高橋, 山崎, 渡辺); the register holds the registered one
/// (髙橋, 山﨑, 渡邊). The key drops spaces and variation selectors (IVS), maps the variants that
/// come up daily at a counter to their common form, and upper-cases latin letters (full-width
/// ones too). Keys are compared as Swift `Character`s, that is up to canonical equivalence,
/// which also folds the CJK compatibility ideographs that decompose (U+FA10 塚 → 塚).
/// This small table is not a 縮退 map: MJ縮退マップ is the full answer.
enum SearchKey {
    static func of(_ text: String) -> [Character] {
        var folded = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            var value = scalar.value
            if scalar == " " || scalar == "\u{3000}" { continue }
            if (0xFE00...0xFE0F).contains(value) || (0xE0100...0xE01EF).contains(value) { continue }
            if (0xFF21...0xFF3A).contains(value) || (0xFF41...0xFF5A).contains(value) { value -= 0xFEE0 }
            if (0x61...0x7A).contains(value) { value -= 0x20 }
            value = variants[value] ?? value
            folded.append(Unicode.Scalar(value) ?? scalar)
        }
        return Array(String(folded))
    }

    /// Whether the folded `key` occurs in the folded `text`.
    static func text(_ text: String, contains key: [Character]) -> Bool {
        guard !key.isEmpty else { return false }
        let haystack = of(text)
        guard haystack.count >= key.count else { return false }
        return (0...(haystack.count - key.count)).contains { start in
            haystack[start..<(start + key.count)].elementsEqual(key)
        }
    }

    /// Variant → common character, for the variants most often met in names.
    private static let variants: [UInt32: UInt32] = [
        0x9AD9: 0x9AD8,  // 髙 → 高
        0xFA11: 0x5D0E,  // 﨑 → 崎
        0x5D5C: 0x5D0E,  // 嵜 → 崎
        0x908A: 0x8FBA,  // 邊 → 辺
        0x9089: 0x8FBA,  // 邉 → 辺
        0x6FA4: 0x6CA2,  // 澤 → 沢
        0x6FF1: 0x6D5C,  // 濱 → 浜
        0x6FF5: 0x6D5C,  // 濵 → 浜
        0x9F4B: 0x658E,  // 齋 → 斎
        0x9F4A: 0x6589,  // 齊 → 斉
        0x5EE3: 0x5E83,  // 廣 → 広
        0x570B: 0x56FD,  // 國 → 国
        0x6AFB: 0x685C,  // 櫻 → 桜
        0x771E: 0x771F,  // 眞 → 真
        0x5FB7: 0x5FB3,  // 德 → 徳
        0x20BB7: 0x5409,  // 𠮷 → 吉
        0x69D7: 0x6A4B,  // 槗 → 橋
        0x51A8: 0x5BCC,  // 冨 → 富
        0x5D8B: 0x5CF6,  // 嶋 → 島
        0x5D8C: 0x5CF6,  // 嶌 → 島
    ]
}
