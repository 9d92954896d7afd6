import MadoguchiCore
import Vapor

/// The page shown when a page request fails.
struct ErrorPage {
    let status: HTTPResponseStatus
    let message: String
    let language: Language

    func response() -> Response {
        let context = PageContext(language: language, path: "/", municipality: LocalizedText(ja: "Madoguchi", en: "Madoguchi"))
        let title = status == .notFound ? context.t("ページが見つかりません", "Page not found")
            : context.t("エラーが発生しました", "Something went wrong")
        return Layout.page(title: title, context) {
            el("h1") { title }
            el("p") { status == .notFound ? context.t("URLを確認してください。", "Please check the address.") : message }
            el("p") { el("a", ["href": context.link("/guide")]) { context.t("手続きガイドへ", "Go to the procedure guide") } }
        }.response(status: status)
    }
}
