import MadoguchiCore
import Vapor

/// What every page needs to speak to its reader: the language and where the page is.
///
/// A class: every view function and builder closure takes the context, and as a struct each of those copies
/// retained and released its texts, messages and sections (2 % of the guide's result page).
final class PageContext: Sendable {
    let language: Language
    /// The path of the page, for the language switch.
    let path: String
    let municipality: LocalizedText
    /// The screens' texts in the languages the catalog adds (`Catalog/messages/`).
    let messages: MessageCatalogs
    /// The municipality's sections, whose names a live page translates by itself (`ScriptMessages`).
    let sections: [Section]

    init(request: Request) {
        let catalog = request.madoguchi.catalog  // one look-up in the application's storage, a lock and a cast
        self.messages = catalog.messages
        self.language = Language(query: request, knowing: catalog.messages)
        self.path = request.url.path
        self.municipality = catalog.municipality
        self.sections = catalog.sections
    }

    init(language: Language, path: String, municipality: LocalizedText, messages: MessageCatalogs = MessageCatalogs()) {
        self.language = language
        self.path = path
        self.municipality = municipality
        self.messages = messages
        self.sections = []
    }

    /// A text of the interface, written here in Japanese and English; other languages come from the message
    /// catalogs, keyed by the Japanese. `{0}`, `{1}` … are filled with `arguments` in every language.
    func t(_ ja: String, _ en: String, _ arguments: any CustomStringConvertible...) -> String {
        // ふりがな first, so that braces in a filled-in value (a citizen's text) are never read as ruby.
        let text = Ruby.marked(messages.text(ja: ja, en: en, in: language))
        return arguments.isEmpty ? text : Self.filling(text, with: arguments.map(\.description))
    }

    /// `{0}`, `{1}` … replaced by the arguments in one pass (a value's own braces stay as typed); by hand, as
    /// Foundation's `replacingOccurrences` bridges through NSString on every call (6 % of the kiosk page's time),
    /// and over the UTF-8 bytes, as `{`, the digit and `}` are ASCII: reading the text as Characters cost the
    /// guide's result page 2 % in grapheme breaking alone.
    static func filling(_ text: String, with arguments: [String]) -> String {
        let bytes = text.utf8
        var result = ""
        result.reserveCapacity(bytes.count + arguments.reduce(0) { $0 + $1.utf8.count })
        var copied = bytes.startIndex
        var index = bytes.startIndex
        while let brace = bytes[index...].firstIndex(of: UInt8(ascii: "{")) {
            let digit = bytes.index(after: brace)
            index = digit
            guard digit < bytes.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[digit]) else { continue }
            let number = Int(bytes[digit] - UInt8(ascii: "0"))
            let close = bytes.index(after: digit)
            guard number < arguments.count, close < bytes.endIndex, bytes[close] == UInt8(ascii: "}") else { continue }
            result += text[copied..<brace]
            result += arguments[number]
            copied = bytes.index(after: close)
            index = copied
        }
        result += text[copied...]
        return result
    }

    /// A text of the catalog (a procedure's name, a reason) in the reader's language.
    func t(_ text: LocalizedText) -> String { Ruby.marked(messages.text(text, in: language)) }

    /// Whether the page reads as Japanese (plain or easy): 和暦 first, Japanese punctuation.
    var isJapanese: Bool { language.isJapanese }

    /// A link within the site that keeps the reader's language.
    /// A path that already has a query (`…?saved=1`) gets the rest after `&`; values are encoded so `&`, `=`,
    /// `+` and `#` in them stay values.
    func link(_ path: String, _ query: [(String, String)] = []) -> String { Self.link(path, query, in: language) }

    /// `link` for a page in `language`: the language switch links the page in each.
    static func link(_ path: String, _ query: [(String, String)] = [], in language: Language) -> String {
        if query.isEmpty {
            // Every page's language switch: only `lang`, without building a list to join.
            if language == .ja { return path }
            return path + (path.utf8.contains(UInt8(ascii: "?")) ? "&lang=" : "?lang=") + SitePath.queryPart(language.rawValue)
        }
        let all = query + (language == .ja ? [] : [("lang", language.rawValue)])
        return path + (path.utf8.contains(UInt8(ascii: "?")) ? "&" : "?") + all.map { "\($0.0)=\(SitePath.queryPart($0.1))" }.joined(separator: "&")
    }

    /// A date as a citizen reads it: 和暦 with the weekday and the 西暦 beside it; in another language the
    /// 西暦 first, with the weekday in that language and the 和暦 era alongside (forms and cards print it).
    func date(_ date: CivilDate) -> String {
        if language == .easy, let wareki = Wareki.wareki(of: date) {
            // やさしい日本語: the same date, with ふりがな on the era, 年月日 and the weekday.
            let era = ["meiji": "めいじ", "taisho": "たいしょう", "showa": "しょうわ", "heisei": "へいせい", "reiwa": "れいわ"][wareki.era.rawValue] ?? ""
            let weekday = [("日", "にち"), ("月", "げつ"), ("火", "か"), ("水", "すい"), ("木", "もく"), ("金", "きん"), ("土", "ど")][date.weekday]
            let year = wareki.year == 1 ? "{元年|がんねん}" : "\(wareki.year){年|ねん}"
            return Ruby.marked("{\(wareki.era.kanji)|\(era)}\(year)\(date.month){月|がつ}\(date.day){日|にち}（{\(weekday.0)|\(weekday.1)}）\(date.iso)")
        }
        if isJapanese {
            let weekday = ["日", "月", "火", "水", "木", "金", "土"][date.weekday]
            return "\(Wareki.format(date))（\(weekday)）\(date.iso)"
        }
        let weekday = t(Self.weekdays[date.weekday].ja, Self.weekdays[date.weekday].en)
        let era = Wareki.wareki(of: date).map { " (\($0.era.rawValue.capitalized) \($0.year))" } ?? ""
        return "\(weekday) \(date.iso)\(era)"
    }

    private static let weekdays: [(ja: String, en: String)] = [
        ("日曜日", "Sun"), ("月曜日", "Mon"), ("火曜日", "Tue"), ("水曜日", "Wed"), ("木曜日", "Thu"), ("金曜日", "Fri"), ("土曜日", "Sat")]
}

extension Language {
    /// `?lang=` of the request when the catalog speaks it; Japanese otherwise.
    init(query req: Request, knowing messages: MessageCatalogs) {
        let asked = URLEncodedForm.value("lang", inQuery: req.url.query).map(Language.init(rawValue:))
        self = asked.flatMap { messages.knows($0) ? $0 : nil } ?? .ja
    }
}
