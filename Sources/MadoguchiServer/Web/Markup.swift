import MadoguchiCore

/// HTML built in Swift: text is escaped by construction, so no citizen's input can become markup.
/// One way to render every page; views are functions that return `Markup`.
struct Markup: Sendable {
    private(set) var html: String

    init() { html = "" }

    /// Escaped text; ふりがな the messages carry (`Ruby`'s markers) becomes `<ruby>`.
    init(text: String) { html = Markup.escape(text, ruby: true) }

    /// Markup that is already HTML (our own constants only, never user input).
    init(trusted html: String) { self.html = html }

    static func escape(_ text: String, ruby: Bool = false) -> String {
        // Most texts have nothing to escape and no ruby: returned as they are, after one pass over their bytes
        // (0xEE leads U+E000…U+EFFF, where the ruby markers are).
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 == 0xEE }) else {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        // Markers out of order (a citizen typed private-use characters) are dropped, never half a tag.
        let rubyWellFormed = ruby && Self.rubyWellFormed(text)
        for scalar in text.unicodeScalars {
            switch scalar {
            case Ruby.open: if rubyWellFormed { out += "<ruby>" }
            case Ruby.separator: if rubyWellFormed { out += "<rt>" }
            case Ruby.close: if rubyWellFormed { out += "</rt></ruby>" }
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func + (lhs: Markup, rhs: Markup) -> Markup { Markup(trusted: lhs.html + rhs.html) }

    /// Ruby markers in the order open, separator, close, never nested.
    private static func rubyWellFormed(_ text: String) -> Bool {
        var state = 0
        for scalar in text.unicodeScalars {
            switch (scalar, state) {
            case (Ruby.open, 0): state = 1
            case (Ruby.separator, 1): state = 2
            case (Ruby.close, 2): state = 0
            case (Ruby.open, _), (Ruby.separator, _), (Ruby.close, _): return false
            default: continue
            }
        }
        return state == 0
    }

    /// The markup for an element that holds text only (`<title>`, `<option>`): without its ふりがな, or with
    /// the reading in brackets after the word (世帯主（せたいぬし）) where a reader needs it, as in a choice.
    func withoutRuby(keepingReadings: Bool) -> Markup {
        guard html.contains("<ruby>") else { return self }
        let readings = keepingReadings
            ? html.replacing(/<rt>(.*?)<\/rt>/) { "（\($0.output.1)）" }
            : html.replacing(/<rt>.*?<\/rt>/, with: "")
        return Markup(trusted: readings.replacing("<ruby>", with: "").replacing("</ruby>", with: ""))
    }
}

@resultBuilder
enum MarkupBuilder {
    static func buildBlock(_ parts: Markup...) -> Markup { Markup(trusted: parts.map(\.html).joined()) }
    static func buildExpression(_ markup: Markup) -> Markup { markup }
    static func buildExpression(_ text: String) -> Markup { Markup(text: text) }
    static func buildOptional(_ markup: Markup?) -> Markup { markup ?? Markup() }
    static func buildEither(first: Markup) -> Markup { first }
    static func buildEither(second: Markup) -> Markup { second }
    static func buildArray(_ parts: [Markup]) -> Markup { Markup(trusted: parts.map(\.html).joined()) }
}

/// Elements whose content is text only: ruby there would show as tags or run base and reading together.
private let textOnlyElements: Set<String> = ["title", "option", "textarea"]

/// Elements whose closing tag HTML forbids.
private let voidElements: Set<String> = ["input", "meta", "link", "br", "img", "hr"]

/// `<name attributes>content</name>`. An attribute whose value is nil is left out; "" writes it bare
/// (`checked`, `required`).
func el(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:],
        @MarkupBuilder _ content: () -> Markup = { Markup() }) -> Markup {
    var html = "<" + name
    for (key, value) in attributes {
        guard let value else { continue }
        html += value.isEmpty ? " \(key)" : " \(key)=\"\(Markup.escape(Ruby.plain(value)))\""
    }
    html += ">"
    if voidElements.contains(name) { return Markup(trusted: html) }
    let inner = textOnlyElements.contains(name) ? content().withoutRuby(keepingReadings: name == "option") : content()
    return Markup(trusted: html + inner.html + "</\(name)>")
}

/// Text, escaped.
func text(_ string: String) -> Markup { Markup(text: string) }
