import Foundation
import MadoguchiCore
@testable import MadoguchiServer
import Testing
import Vapor
import VaporTesting

/// Every citizen screen in English, Vietnamese (a language added as data) and やさしい日本語 with ふりがな.
@Suite struct LanguagesTests {
    /// Pages a citizen reaches without signing in, and the guide's result for a family.
    static let pages = ["/", "/guide", "/guide/certificates", "/guide/move-in?people=2", "/kiosk", "/congestion", "/reserve", "/apply", "/status",
                        "/apply/move-in", "/certificates/online"]
    static let family: [(String, String)] = [
        ("people", "2"), ("eventDate", "2026-04-01"),
        ("m0-relation", "head"), ("m0-sex", "female"), ("m0-birthDate", "1986-07-14"), ("m0-moving", "on"), ("m0-insurance", "national"),
        ("m1-relation", "child"), ("m1-sex", "male"), ("m1-birthDate", "2016-05-01"), ("m1-moving", "on"), ("m1-insurance", "national"),
        ("dogs", "1"),
    ]

    @Test(arguments: ["en", "vi"])
    func noJapaneseIsLeftOnAPageInAnotherLanguage(_ language: String) async throws {
        try await withMadoguchi { app in
            var checked = 0
            for path in Self.pages {
                let response = try await app.testing().sendRequest(.GET, path + (path.contains("?") ? "&" : "?") + "lang=\(language)")
                guard response.status == .ok else { continue }
                let html = response.body.string
                #expect(html.contains(#"<html lang="\#(language)">"#), "\(path)")
                let left = Self.japanese(in: Self.visibleText(html))
                #expect(left.isEmpty, "\(path)?lang=\(language) still says: \(left.prefix(8))")
                checked += 1
            }
            #expect(checked >= 7)
            let result = try await app.postForm("/guide/move-in?lang=\(language)", Self.family)
            #expect(result.status == .ok)
            let left = Self.japanese(in: Self.visibleText(result.body.string))
            #expect(left.isEmpty, "the guide's result in \(language) still says: \(left.prefix(8))")
        }
    }

    /// Placeholders are filled in one pass: a value's own braces stay as the citizen typed them.
    @Test func placeholdersAreFilledOnceEach() {
        #expect(PageContext.filling("{0}人目", with: ["2"]) == "2人目")
        #expect(PageContext.filling("{0}と{1}", with: ["{1}", "x"]) == "{1}とx")
        #expect(PageContext.filling("{9}{0", with: ["a"]) == "{9}{0")
        #expect(PageContext.filling("{０}{0}{0}", with: ["a"]) == "{０}aa")
    }

    /// The congestion chart (drawn only once there are weeks of calls) names weekdays and minutes in the page's language.
    @Test func theWaitChartSpeaksThePagesLanguage() async throws {
        try await withMadoguchi { app in
            let waits = TypicalWaits(samples: (0..<3).map { _ in TypicalWaits.Sample(weekday: 1, hour: 9, minutes: 12) }, hours: [9, 10])
            for (language, monday, minutes) in [("vi", "T2", "12 phút"), ("en", "Mon", "12 min"), ("ja", "月", "12分")] {
                let request = Request(application: app, url: URI(string: "/congestion?lang=\(language)"), on: app.eventLoopGroup.next())
                let svg = WaitChart.svg(waits, title: "chart", labels: WaitChart.Labels(PageContext(request: request)))
                #expect(svg.contains(">\(monday)</text>") && svg.contains(minutes), "\(language)")
                if language != "ja" { #expect(Self.japanese(in: svg).isEmpty, "\(language): \(Self.japanese(in: svg))") }
            }
        }
    }

    @Test func theVietnameseGuideSpeaksVietnamese() async throws {
        try await withMadoguchi { app in
            let start = try await app.testing().sendRequest(.GET, "/guide?lang=vi").body.string
            #expect(start.contains("Tiếng Việt"))
            let result = try await app.postForm("/guide/move-in?lang=vi", Self.family).body.string
            #expect(result.contains("Bảo hiểm Y tế Quốc dân"), "a procedure's name from vi.catalog.yaml")
            #expect(result.contains("2026-04-15") && result.contains("Reiwa 8"), "the Gregorian date first, the 和暦 beside it")
        }
    }

    @Test func easyJapaneseHasRubyOnEveryKanji() async throws {
        try await withMadoguchi { app in
            for path in ["/guide", "/guide/move-in?people=1", "/kiosk", "/guide/certificates", "/certificates/online"] {
                let html = try await app.testing().sendRequest(.GET, path + (path.contains("?") ? "&" : "?") + "lang=easy").body.string
                #expect(html.contains(#"<html lang="ja">"#))
                #expect(html.components(separatedBy: "<ruby>").count > 5, "\(path)")
                let bare = Self.kanji(in: Self.visibleText(html, withoutRuby: true))
                #expect(bare.isEmpty, "\(path): kanji without ふりがな: \(bare.prefix(12))")
            }
            let result = try await app.postForm("/guide/move-in?lang=easy", Self.family).body.string
            #expect(result.contains("<ruby>国民健康保険<rt>こくみんけんこうほけん</rt></ruby>"))
            let bare = Self.kanji(in: Self.visibleText(result, withoutRuby: true))
            #expect(bare.isEmpty, "the result: kanji without ふりがな: \(bare.prefix(12))")
        }
    }

    @Test func theLanguageSwitchOffersEveryLanguageOnTheKiosk() async throws {
        try await withMadoguchi { app in
            let kiosk = try await app.testing().sendRequest(.GET, "/kiosk").body.string
            for (code, name) in [("easy", "やさしい日本語"), ("en", "English"), ("vi", "Tiếng Việt")] {
                #expect(kiosk.contains(#"href="/kiosk?lang=\#(code)""#) && kiosk.contains(name), "\(code)")
            }
        }
    }

    /// A city adds a language with files only; a message without a translation shows in English, never blank.
    @Test func aLanguageAddedAsDataFallsBackToEnglish() throws {
        let messages = MessageCatalogs([MessageCatalog(language: Language(rawValue: "pt"), name: "Português", fallback: .en,
                                                       messages: ["お待ちください": "Aguarde, por favor"])])
        #expect(messages.text(ja: "お待ちください", en: "Please wait", in: Language(rawValue: "pt")) == "Aguarde, por favor")
        #expect(messages.text(ja: "まもなく", en: "Very soon", in: Language(rawValue: "pt")) == "Very soon")
        #expect(messages.languages.map(\.name) == ["日本語", "English", "Português"])
        #expect(!messages.knows(Language(rawValue: "fr")))
    }

    /// Every text of the citizen screens (`context.t("…", "…")` in their Swift files, and the live page's) is
    /// translated in every language the catalog ships: nothing falls back.
    @Test func everyScreenTextIsTranslatedInEveryShippedLanguage() throws {
        let catalog = try CatalogLoader.load(directory: catalogDirectory)
        let sources = URL(fileURLWithPath: catalogDirectory).deletingLastPathComponent().appendingPathComponent("Sources/MadoguchiServer")
        var texts: Set<String> = []
        for folder in ["Online/Guide", "Online/Apply", "Online/Certificates", "Queue", "Web"] {
            let directory = sources.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".swift") {
                if folder == "Queue", !Self.citizenQueueFiles.contains(name) { continue }
                let source = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
                for match in source.matches(of: /(?:\.t|\bsay)\(\s*"((?:[^"\\]|\\.)*)"\s*,\s*"/) {
                    let text = String(match.output.1)
                    #expect(!text.contains("\\("), "\(name): 「\(text)」 interpolates; use {0} so that it can be translated")
                    texts.insert(text)
                }
            }
        }
        texts.formUnion(ScriptMessages.all.map(\.ja))
        #expect(texts.count > 150)
        for language in [Language.easy, Language(rawValue: "vi")] {
            let missing = texts.filter { catalog.messages.translation(of: $0, in: language) == nil }.sorted()
            #expect(missing.isEmpty, "\(language): \(missing.count) not translated: \(missing.prefix(10))")
        }
        // And every text of the catalog a citizen reads.
        var catalogTexts: [LocalizedText] = [catalog.municipality]
        for section in catalog.sections { catalogTexts += [section.name] + (section.place.map { [$0] } ?? []) }
        for procedure in catalog.procedures.values { catalogTexts += [procedure.name] + procedure.bring + procedure.whoMayFile }
        for event in catalog.events { catalogTexts += [event.name] + event.triggers.map(\.reason) }
        catalogTexts += catalog.paperForms.values.map(\.name)
        catalogTexts += catalog.certificates.kinds.map(\.name) + CertificateRequester.allCases.map(\.name)
        catalogTexts += CertificateOption.allCases.map(\.name) + CertificateOrderState.allCases.map(\.name)
        for question in catalog.memberQuestions + catalog.householdQuestions {
            catalogTexts.append(question.label)
            if case .choice(let options) = question.kind { catalogTexts += options.map(\.label) }
            if case .multipleChoice(let options) = question.kind { catalogTexts += options.map(\.label) }
        }
        for language in [Language.easy, Language(rawValue: "vi")] {
            let missing = catalogTexts.filter { catalog.messages.translation(of: $0.ja, in: language) == nil && (language != .easy || $0.easy == nil) }
            #expect(missing.isEmpty, "\(language): the catalog's \(missing.prefix(5).map(\.ja)) not translated")
        }
    }

    /// What the Case's one validator may say to a citizen (its messages, the labels of the fields they name, the
    /// value checks' Japanese without a value in it) is translated in every shipped language.
    @Test func everyValidationMessageIsTranslatedInEveryShippedLanguage() throws {
        let catalog = try CatalogLoader.load(directory: catalogDirectory)
        let sources = URL(fileURLWithPath: catalogDirectory).deletingLastPathComponent().appendingPathComponent("Sources/MadoguchiCore")
        var texts: Set<String> = ["{0}人目", "犬の数", "原付の台数"]
        texts.formUnion(CaseField.personFields.values.map(\.ja) + CaseField.addressParts.values.map(\.ja))
        let validator = try String(contentsOf: sources.appendingPathComponent("Case/CaseValidator.swift"), encoding: .utf8)
        // Each message is its Japanese followed by its English: `"生年月日が未来の日付です。", "the date is in the future."`.
        for match in validator.matches(of: /"([^"]*[\u{3040}-\u{9FFF}][^"]*)"\s*,\s*"[^"]*[a-z]/) where !match.output.1.contains("\\(") {
            texts.insert(String(match.output.1))
        }
        for file in ["Person/ResidenceCard.swift", "Person/Postcode.swift", "Person/RegisterText.swift"] {
            guard let source = try? String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8) else { continue }
            for match in source.matches(of: /ja: "((?:[^"\\]|\\.)*)"/) where !match.output.1.contains("\\(") { texts.insert(String(match.output.1)) }
        }
        #expect(texts.count > 25)
        for language in [Language.easy, Language(rawValue: "vi")] {
            let missing = texts.filter { catalog.messages.translation(of: $0, in: language) == nil }.sorted()
            #expect(missing.isEmpty, "\(language): \(missing.count) not translated: \(missing)")
        }
    }

    /// A wrong date of birth on the Vietnamese application form is explained in Vietnamese, naming the person.
    @Test func theVietnameseApplicationSaysWhatIsWrongInVietnamese() throws {
        let catalog = try CatalogLoader.load(directory: catalogDirectory)
        let event = try #require(catalog.event("move-in"))
        let error = CaseFieldError(field: .person(1, "birthDate"), ja: "生年月日が未来の日付です。", en: "the date is in the future.")
        let vi = error.message(in: event, Language(rawValue: "vi"), messages: catalog.messages)
        #expect(vi.hasPrefix("Người thứ 2, ") && !vi.contains("future"), "\(vi)")
        #expect(Self.japanese(in: vi).isEmpty)
        let easy = error.message(in: event, .easy, messages: catalog.messages)
        #expect(easy.hasPrefix("2") && easy.contains("|"), "with readings in やさしい日本語: \(easy)")
    }

    static let citizenQueueFiles: Set<String> = ["QueueViews.swift", "ReservationView.swift", "CongestionController.swift",
                                                 "KioskController.swift", "TicketController.swift", "ReservationController.swift"]

    /// The text a reader sees: no scripts or styles, no tags, the language switch (each language's own name) left out.
    static func visibleText(_ html: String, withoutRuby: Bool = false) -> String {
        var text = html
        for pattern in [#"<script[^>]*>.*?</script>"#, #"<style[^>]*>.*?</style>"#, #"<nav class="languages".*?</nav>"#, #"<title>.*?</title>"#] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: [.regularExpression, .caseInsensitive])
        }
        if withoutRuby {
            text = text.replacingOccurrences(of: #"<ruby>.*?</ruby>"#, with: " ", options: .regularExpression)
        }
        return text.replacingOccurrences(of: #"<[^>]*>"#, with: " ", options: .regularExpression)
    }

    /// Runs of kana, kanji and full-width punctuation.
    static func japanese(in text: String) -> [String] {
        text.matches(of: /[\u{3000}-\u{30FF}\u{3400}-\u{9FFF}\u{FF01}-\u{FF60}]+/).map { String($0.output) }
    }

    /// Kanji a reader gets no reading for: a word followed by its reading in brackets (a choice in a list,
    /// where ruby cannot go: 世帯主（せたいぬし）) has one.
    static func kanji(in text: String) -> [String] {
        text.replacing(/[\u{3400}-\u{9FFF}]+（[\u{3041}-\u{3096}ー]+）/, with: "")
            .matches(of: /[\u{3400}-\u{9FFF}]+/).map { String($0.output) }
    }
}
