/// The languages every citizen screen speaks.
public enum Language: String, CaseIterable, Sendable {
    case ja, en
    /// やさしい日本語: short sentences for citizens who read little Japanese.
    case easy
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

    /// The text in `language`; やさしい日本語 falls back to Japanese.
    public func text(_ language: Language) -> String {
        switch language {
        case .ja: ja
        case .en: en
        case .easy: easy ?? ja
        }
    }
}
