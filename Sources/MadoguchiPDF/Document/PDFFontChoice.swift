/// Which font a document is rendered with.
public enum PDFFontChoice: Sendable {
    /// The font is subset and embedded (Type0 / CIDFontType2, Identity-H): the printout
    /// looks the same on every machine. The normal case, with IPAex Gothic.
    ///
    /// A character the font lacks is drawn from the first of `fallbacks` that has it (IPAmj
    /// Mincho for 𠮷 and the rest of the MJ set), each used fallback embedded as its own subset;
    /// only what no font has prints as .notdef and is listed in `PDFDocument.missingCharacters`.
    case embedded(TrueTypeFont, fallbacks: [TrueTypeFont] = [])
    /// No font is embedded; the viewer supplies its own Japanese gothic for
    /// HeiseiKakuGo-W5 (Adobe-Japan1-6, UniJIS-UCS2-H). For machines without IPAex:
    /// the look depends on the viewer, and characters outside the Basic Multilingual Plane
    /// cannot be encoded (they are counted in `PDFDocument.missingCharacters`).
    case standardJapanese

    /// The width of `text` at `size` points when drawn with this font, for layout
    /// (centring a title, fitting a long address into its box).
    ///
    /// It lives on the font choice, not on the page, because the same recorded page can be
    /// rendered with either font.
    public func textWidth(_ text: String, size: Double) -> Double {
        switch self {
        case .embedded(let font, let fallbacks):
            fallbacks.isEmpty ? font.textWidth(text, size: size) : FontFallback.textWidth(text, size: size, font: font, fallbacks: fallbacks)
        case .standardJapanese:
            StandardJapaneseEncoder.textWidth(text, size: size)
        }
    }
}
