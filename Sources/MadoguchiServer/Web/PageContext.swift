import MadoguchiCore
import Vapor

/// What every page needs to speak to its reader: the language and where the page is.
struct PageContext: Sendable {
    let language: Language
    /// The path of the page, for the language switch.
    let path: String
    let municipality: LocalizedText

    init(request: Request) {
        self.language = Language(query: request)
        self.path = request.url.path
        self.municipality = request.madoguchi.catalog.municipality
    }

    init(language: Language, path: String, municipality: LocalizedText) {
        self.language = language
        self.path = path
        self.municipality = municipality
    }

    /// Japanese or English text of the interface (やさしい日本語 falls back to Japanese).
    func t(_ ja: String, _ en: String) -> String { language == .en ? en : ja }

    func t(_ text: LocalizedText) -> String { text.text(language) }

    /// A link within the site that keeps the reader's language.
    /// A path that already has a query (`…?saved=1`) gets the rest after `&`; values are encoded so `&`, `=`,
    /// `+` and `#` in them stay values.
    func link(_ path: String, _ query: [(String, String)] = []) -> String {
        let all = query + (language == .ja ? [] : [("lang", language.rawValue)])
        guard !all.isEmpty else { return path }
        return path + (path.contains("?") ? "&" : "?") + all.map { "\($0.0)=\(SitePath.queryPart($0.1))" }.joined(separator: "&")
    }

    /// A date as a citizen reads it: 和暦 with the weekday and the 西暦 beside it.
    func date(_ date: CivilDate) -> String {
        let weekdays = language == .en ? ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] : ["日", "月", "火", "水", "木", "金", "土"]
        let weekday = weekdays[date.weekday]
        if language == .en {
            let era = Wareki.wareki(of: date).map { " (\($0.era.rawValue.capitalized) \($0.year))" } ?? ""
            return "\(weekday) \(date.iso)\(era)"
        }
        return "\(Wareki.format(date))（\(weekday)）\(date.iso)"
    }
}
