/// The texts of the citizen screens in more languages, as data (`Catalog/messages/`): each file maps the Japanese
/// text — of the screens (`context.t("…", "…")`) or of the catalog (a procedure's name, a reason) — to its
/// translation. `vi.yaml` says the language's own name; `vi.catalog.yaml` and any other `vi.*.yaml` add messages.
/// A city adds a language by adding files; a message not translated yet shows in the language's fallback
/// (English, or Japanese for やさしい日本語), never as a missing text.
public struct MessageCatalogs: Sendable {
    public let catalogs: [Language: MessageCatalog]
    /// Every language a citizen can choose, in the switch's order: 日本語, やさしい日本語, English, then the added ones.
    /// (Made once: every page's header lists them.)
    public let languages: [(language: Language, name: String)]

    public init(_ catalogs: [MessageCatalog] = []) {
        var byLanguage: [Language: MessageCatalog] = [:]
        for catalog in catalogs { byLanguage[catalog.language] = catalog }
        self.catalogs = byLanguage
        var all: [(Language, String)] = [(.ja, "日本語")]
        if let easy = byLanguage[.easy] { all.append((.easy, easy.name)) }
        all.append((.en, "English"))
        for catalog in byLanguage.values.sorted(by: { $0.language.rawValue < $1.language.rawValue }) where !catalog.language.isBuiltIn {
            all.append((catalog.language, catalog.name))
        }
        self.languages = all
    }

    public func knows(_ language: Language) -> Bool { language == .ja || language == .en || catalogs[language] != nil }

    /// The Japanese text `ja` (English `en`) in `language`; nil when the language's catalog does not translate it.
    public func translation(of ja: String, in language: Language) -> String? {
        catalogs[language]?.messages[ja]
    }

    /// A text of the screens or the catalog in `language`, falling back as the language says.
    public func text(ja: String, en: String, easy: String? = nil, in language: Language) -> String {
        switch language {
        case .ja: return ja
        case .en: return en
        default:
            // The message catalog first (やさしい日本語 there carries ふりがな), then a catalog file's own `easy:`.
            if let translated = translation(of: ja, in: language) { return translated }
            if language == .easy, let easy { return easy }
            return (catalogs[language]?.fallback ?? .en) == .ja ? ja : en
        }
    }

    public func text(_ text: LocalizedText, in language: Language) -> String {
        self.text(ja: text.ja, en: text.en, easy: text.easy, in: language)
    }
}

/// One language's messages, from all its files.
public struct MessageCatalog: Sendable {
    public let language: Language
    /// The language's own name for the switch (Tiếng Việt).
    public let name: String
    public let fallback: Language
    public let messages: [String: String]

    public init(language: Language, name: String, fallback: Language, messages: [String: String]) {
        self.language = language
        self.name = name
        self.fallback = fallback
        self.messages = messages
    }
}

extension Language {
    /// Japanese and English live in the screens' code and the catalog files themselves.
    var isBuiltIn: Bool { self == .ja || self == .en || self == .easy }
}

/// ふりがな in a text: `{漢字|かんじ}` in a message file. On a page it becomes `<ruby>`; where markup cannot go
/// (a page title, an attribute, the JSON API) only the base is kept.
public enum Ruby {
    /// The private-use characters a ruby group travels in from a message to the page, so that a citizen's
    /// own braces are never read as ruby.
    public static let open: Unicode.Scalar = "\u{E000}", separator: Unicode.Scalar = "\u{E001}", close: Unicode.Scalar = "\u{E002}"

    /// `{漢字|かんじ}` as the markers the page renders.
    public static func marked(_ text: String) -> String {
        rewritingGroups(text) { base, reading in String(open) + base + String(separator) + reading + String(close) }
    }

    /// `text` with each `{base|reading}` replaced by `group(base, reading)`; other braces (`{0}`) stay. Scanned by
    /// hand: a regex literal is compiled each time it is evaluated, and this runs for every text of every page
    /// (a profile of `/congestion` found 57 % of the server's time compiling this one regex).
    static func rewritingGroups(_ text: String, _ group: (Substring, Substring) -> String) -> String {
        guard text.containsUTF8(UInt8(ascii: "{")) else { return text }
        let bytes = text.utf8
        guard var brace = bytes.firstIndex(of: UInt8(ascii: "{")) else { return text }
        // Over the UTF-8 bytes: `{`, `|` and `}` are ASCII, so every index found is a character boundary, and
        // a message with only `{0}` placeholders is passed over without reading it as characters.
        var result = ""
        result.reserveCapacity(bytes.count)
        var copied = text.startIndex
        while true {
            if let (base, reading, end) = groupAt(brace, in: text) {
                result += text[copied..<brace]
                result += group(base, reading)
                copied = end
            }
            guard let next = bytes[bytes.index(after: brace)...].firstIndex(of: UInt8(ascii: "{")) else { break }
            brace = next
        }
        if copied == text.startIndex { return text }
        result += text[copied...]
        return result
    }

    /// The `{base|reading}` starting at `brace`: both parts non-empty, neither holding `{`, `}` or `|`.
    private static func groupAt(_ brace: String.Index, in text: String) -> (Substring, Substring, String.Index)? {
        let bytes = text.utf8
        var index = bytes.index(after: brace)
        let baseStart = index
        while index < bytes.endIndex, bytes[index] != UInt8(ascii: "|") {
            if bytes[index] == UInt8(ascii: "{") || bytes[index] == UInt8(ascii: "}") { return nil }
            bytes.formIndex(after: &index)
        }
        guard index < bytes.endIndex, index > baseStart else { return nil }
        let base = text[baseStart..<index]
        bytes.formIndex(after: &index)
        let readingStart = index
        while index < bytes.endIndex, bytes[index] != UInt8(ascii: "}") {
            if bytes[index] == UInt8(ascii: "{") || bytes[index] == UInt8(ascii: "|") { return nil }
            bytes.formIndex(after: &index)
        }
        guard index < bytes.endIndex, index > readingStart else { return nil }
        return (base, text[readingStart..<index], bytes.index(after: index))
    }

    /// `{` and 0xEE, which leads U+E000…U+EFFF, where the markers are.
    private static let braceOrMarker = UTF8ByteSet(UInt8(ascii: "{"), 0xEE)

    /// The text without readings: `{漢字|かんじ}` or its markers become 漢字.
    public static func plain(_ text: String) -> String {
        // Most texts (an attribute's value, a title) have neither: passed over in one scan of their bytes.
        guard text.containsAnyUTF8(of: braceOrMarker) else { return text }
        var result = text
        result = rewritingGroups(result) { base, _ in String(base) }
        // 0xEE leads U+E000…U+EFFF, where the markers are: most texts are passed over by their bytes alone.
        guard result.utf8.contains(0xEE), result.unicodeScalars.contains(open) else { return result }
        var scalars = String.UnicodeScalarView()
        var inReading = false
        for scalar in result.unicodeScalars {
            switch scalar {
            case open: inReading = false
            case separator: inReading = true
            case close: inReading = false
            default: if !inReading { scalars.append(scalar) }
            }
        }
        return String(scalars)
    }

    /// Problems with a message's ruby: unbalanced braces, a group without a reading.
    public static func problem(in text: String) -> String? {
        var depth = 0
        for character in text {
            if character == "{" { depth += 1; if depth > 1 { return "a ruby group inside another" } }
            if character == "}" { depth -= 1; if depth < 0 { return "a } without its {" } }
        }
        guard depth == 0 else { return "a { without its }" }
        let groups = text.matches(of: /\{([^{}]*)\}/)
        for group in groups {
            let parts = group.output.1.split(separator: "|", omittingEmptySubsequences: false)
            if parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty { continue }
            // A placeholder ({0}) is not ruby.
            if parts.count == 1, parts[0].allSatisfy(\.isNumber) { continue }
            return "「{\(group.output.1)}」 is neither ruby ({漢字|かんじ}) nor a placeholder ({0})"
        }
        return nil
    }
}
