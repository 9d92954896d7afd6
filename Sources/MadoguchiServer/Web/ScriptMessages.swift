import Foundation
import MadoguchiCore

/// The texts `queue.js` changes by itself on a live page (a ticket's state, the wait), so that a page in a
/// language of the message catalogs stays in that language after an update. Pages in another language than
/// Japanese or English carry their translations (`#page-messages`), with the sections' names and places.
enum ScriptMessages {
    static let all: [(ja: String, en: String)] = [
        ("ただいま開いている窓口がありません", "No counter is open now"), ("まもなく", "Very soon"), ("約{0}分", "About {0} min"),
        ("{0}　{1}", "{0}, {1}"), ("{0}番目", "No. {0}"), ("お待ちください", "Please wait"),
        ("{0}番窓口へお越しください（{1} {2}）", "Please go to counter {0} ({1}, {2})"), ("お手続きは終わりました", "Finished"),
        ("お呼びしましたがいらっしゃいませんでした。受付にお声がけください", "You were called but not there. Please ask at the reception"),
        ("次の課へご案内しています", "Sent on to the next section"),
    ]

    /// The `<script type="application/json">` for `context`'s language; nothing in Japanese or English.
    static func element(_ context: PageContext, sections: [Section]) -> Markup {
        guard context.language != .ja, context.language != .en else { return Markup() }
        var translated: [String: String] = [:]
        for (ja, en) in all { translated[ja] = Ruby.plain(context.messages.text(ja: ja, en: en, in: context.language)) }
        for section in sections {
            translated[section.name.ja] = Ruby.plain(context.messages.text(section.name, in: context.language))
            if let place = section.place { translated[place.ja] = Ruby.plain(context.messages.text(place, in: context.language)) }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = (try? encoder.encode(translated)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        // `<` escaped, so no text can close the script element.
        return Markup(trusted: "<script type=\"application/json\" id=\"page-messages\">"
                      + json.replacingOccurrences(of: "<", with: "\\u003c") + "</script>")
    }
}
