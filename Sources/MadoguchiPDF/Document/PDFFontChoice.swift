/// Which font a document is rendered with.
public enum PDFFontChoice: Sendable {
    /// The font is subset and embedded (Type0 / CIDFontType2, Identity-H): the printout
    /// looks the same on every machine. The normal case, with IPAex Gothic.
    case embedded(TrueTypeFont)
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
        case .embedded(let font):
            font.textWidth(text, size: size)
        case .standardJapanese:
            StandardJapaneseEncoder.textWidth(text, size: size)
        }
    }
}
