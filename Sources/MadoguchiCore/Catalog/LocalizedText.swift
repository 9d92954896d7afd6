/// A language a citizen screen speaks: Japanese and English built in, やさしい日本語 (`easy`), and any a city
/// adds as a message catalog (`Catalog/messages/vi.yaml`). Its code is the `lang=` of a link.
public struct Language: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public static let ja = Language(rawValue: "ja")
    public static let en = Language(rawValue: "en")
    /// やさしい日本語: short sentences with ふりがな, for citizens who read little Japanese.
    public static let easy = Language(rawValue: "easy")

    /// Japanese, plain or easy: 和暦 first, Japanese punctuation.
    public var isJapanese: Bool { self == .ja || self == .easy }

    /// The HTML `lang` of a page in this language (やさしい日本語 is Japanese).
    public var htmlCode: String { isJapanese ? "ja" : rawValue }

    public var description: String { rawValue }
}

/// A text of the catalog in Japanese and English, and optionally in やさしい日本語.
public struct LocalizedText: Sendable, Hashable {
    public let ja: String
    public let en: String
    public let easy: String?

    public init(ja: String, en: String, easy: String? = nil) {
        self.ja = ja
        self.en = en
        self.easy = easy
    }

    /// The text in `language` as the catalog file holds it: やさしい日本語 falls back to Japanese, any other
    /// language to English (a message catalog translates it: `MessageCatalogs`).
    public func text(_ language: Language) -> String {
        switch language {
        case .ja: ja
        case .easy: easy ?? ja
        default: en
        }
    }
}
