import MadoguchiCore
import Vapor

/// The frame of every page: language, header with the language switch, main content, footer.
enum Layout {
    static func page(title: String, _ context: PageContext, @MarkupBuilder main: () -> Markup) -> Markup {
        return Markup(trusted: "<!doctype html>") + el("html", ["lang": context.language.htmlCode]) {
            el("head") {
                el("meta", ["charset": "utf-8"])
                el("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
                el("title") { Ruby.plain("\(title) | \(context.t(context.municipality))") }
                el("link", ["rel": "stylesheet", "href": Assets.stylesheetPath])
                el("script", ["src": Assets.scriptPath, "defer": ""])
                ScriptMessages.element(context, sections: context.sections)
            }
            el("body") {
                el("a", ["class": "skip", "href": "#main"]) { context.t("本文へ移動", "Skip to content") }
                el("header", ["class": "site"]) {
                    el("a", ["class": "brand", "href": context.link("/")]) { context.t(context.municipality) }
                    el("nav", ["class": "languages", "aria-label": context.t("言語", "Language")]) {
                        for (language, name) in context.messages.languages { languageLink(name, language, context) }
                    }
                }
                el("main", ["id": "main"]) { main() }
                el("footer", ["class": "site"]) {
                    el("p") { "Madoguchi — " + context.t("{0}の手続き窓口", "{0} front office", context.t(context.municipality)) }
                }
            }
        }
    }

    private static func languageLink(_ label: String, _ language: Language, _ context: PageContext) -> Markup {
        return el("a", ["href": PageContext.link(context.path, in: language), "lang": language.htmlCode,
                        "aria-current": context.language == language ? "true" : nil]) { label }
    }
}

extension Markup {
    /// An HTML response.
    func response(status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(buffer: buffer()))
    }
}
