/// An OCR engine as the paper door uses it: the characters of a one-line image, each with its confidence (0…1),
/// restricted to the characters a zone allows (nil: any). Digits and katakana come from one-character boxes read
/// as a line with the box lines erased; kanji from an open box.
public protocol LineRecognizer: Sendable {
    /// A short name for figures and logs (`ppocrv5`, `tesseract`).
    var name: String { get }
    func read(_ image: GrayImage, allowed: Set<Character>?) -> [(character: Character, confidence: Double)]
}
