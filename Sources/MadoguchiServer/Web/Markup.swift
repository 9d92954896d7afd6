/// HTML built in Swift: text is escaped by construction, so no citizen's input can become markup.
/// One way to render every page; views are functions that return `Markup`.
struct Markup: Sendable {
    private(set) var html: String

    init() { html = "" }

    /// Escaped text.
    init(text: String) { html = Markup.escape(text) }

    /// Markup that is already HTML (our own constants only, never user input).
    init(trusted html: String) { self.html = html }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
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

/// Elements whose closing tag HTML forbids.
private let voidElements: Set<String> = ["input", "meta", "link", "br", "img", "hr"]

/// `<name attributes>content</name>`. An attribute whose value is nil is left out; "" writes it bare
/// (`checked`, `required`).
func el(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:],
        @MarkupBuilder _ content: () -> Markup = { Markup() }) -> Markup {
    var html = "<" + name
    for (key, value) in attributes {
        guard let value else { continue }
        html += value.isEmpty ? " \(key)" : " \(key)=\"\(Markup.escape(value))\""
    }
    html += ">"
    if voidElements.contains(name) { return Markup(trusted: html) }
    return Markup(trusted: html + content().html + "</\(name)>")
}

/// Text, escaped.
func text(_ string: String) -> Markup { Markup(text: string) }
