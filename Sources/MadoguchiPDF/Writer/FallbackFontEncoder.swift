/// Encodes text with an embedded font and its fallbacks: each character comes from the font
/// `FontFallback` picks (IPAex Gothic, else IPAmj Mincho for 𠮷 and other MJ characters), and
/// each font used is embedded as its own subset, /F1 for the primary, /F2 … for fallbacks.
///
/// A text mark stays one BT … ET: where the font changes, the string ends and `/Fn size Tf`
/// selects the next font, so the run goes on from where the previous glyphs left off.
struct FallbackFontEncoder: GlyphEncoder {
    var embedsFonts: Bool { true }
    /// Font 0, held apart from the fallbacks' encoders: nearly every character is its.
    private var primary: EmbeddedFontEncoder
    private var others: [EmbeddedFontEncoder]
    private let fallbacks: [TrueTypeFont]
    private(set) var usedFonts: [Bool]

    init(font: TrueTypeFont, fallbacks: [TrueTypeFont]) {
        primary = EmbeddedFontEncoder(font: font)
        others = fallbacks.map { EmbeddedFontEncoder(font: $0) }
        self.fallbacks = fallbacks
        usedFonts = Array(repeating: false, count: fallbacks.count + 1)
    }

    /// Characters no font has, and variation selectors whose selected form is not drawn.
    var missingCharacters: [Unicode.Scalar: Int] {
        var missing = primary.missingCharacters
        for encoder in others { missing.merge(encoder.missingCharacters, uniquingKeysWith: +) }
        return missing
    }

    func firstFont(for text: String) -> Int {
        guard !fallbacks.isEmpty, let first = text.unicodeScalars.first else { return 0 }
        return FontFallback.index(of: first, font: primary.font, fallbacks: fallbacks)
    }

    mutating func appendShow(_ text: String, size: Double, font: Int, to stream: inout [UInt8]) {
        var current = font
        if !usedFonts[current] { usedFonts[current] = true }
        stream.append(UInt8(ascii: "<"))
        var base: Unicode.Scalar?
        var selectors: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars {
            if scalar.isVariationSelector, base != nil {
                selectors.append(scalar)
                continue
            }
            if let previous = base {
                append(previous, selectors: selectors, size: size, current: &current, to: &stream)
                selectors.removeAll(keepingCapacity: true)
            }
            base = scalar
        }
        if let previous = base { append(previous, selectors: selectors, size: size, current: &current, to: &stream) }
        stream.appendASCII("> Tj")
    }

    private mutating func append(_ base: Unicode.Scalar, selectors: [Unicode.Scalar], size: Double,
                                 current: inout Int, to stream: inout [UInt8]) {
        // Without fallbacks (the benchmark's case) every character is the primary font's.
        let index = fallbacks.isEmpty ? 0 : FontFallback.index(of: base, font: primary.font, fallbacks: fallbacks)
        if index != current {
            stream.appendASCII("> Tj /F")
            stream.appendInteger(index + 1)
            stream.append(UInt8(ascii: " "))
            stream.appendNumber(size)
            stream.appendASCII(" Tf <")
            current = index
            usedFonts[index] = true
        }
        let code = index == 0 ? primary.code(for: base, selectors: selectors) : others[index - 1].code(for: base, selectors: selectors)
        stream.appendHex4(code)
    }

    func writeFont(_ index: Int, as number: Int, into writer: inout PDFObjectWriter) {
        if index == 0 { primary.writeFont(as: number, into: &writer) } else { others[index - 1].writeFont(as: number, into: &writer) }
    }
}
