import MadoguchiCore
import Vapor

/// The page shown when a page request fails: in the municipality's name, and never a dead end — staff get
/// back to the page they came from and to their own start page, someone whose session ended gets a sign-in
/// link that returns them to where they were, citizens get the guide.
struct ErrorPage {
    let status: HTTPResponseStatus
    let message: String
    let request: Request

    func response() -> Response {
        let context = PageContext(request: request)
        let title: String
        switch status {
        case .notFound: title = context.t("ページが見つかりません", "Page not found")
        case .unauthorized: title = context.t("ログインしてください", "Please sign in")
        case .forbidden: title = context.t("この操作はできません", "This cannot be done")
        case .tooManyRequests: title = context.t("しばらくお待ちください", "Please wait a moment")
        default: title = status.code < 500 ? context.t("入力を確認してください", "Please check your input")
            : context.t("エラーが発生しました", "Something went wrong")
        }
        return Layout.page(title: title, context) {
            el("h1") { title }
            el("p", ["id": "error-message"]) { status == .notFound ? context.t("URLを確認してください。", "Please check the address.") : message }
            el("ul", ["class": "next-steps"]) {
                for (href, label) in ways(context) { el("li") { el("a", ["href": href]) { label } } }
            }
        }.response(status: status)
    }

    /// Where the reader can go from here, most useful first.
    private func ways(_ context: PageContext) -> [(String, String)] {
        var ways: [(String, String)] = []
        let back = Self.localReferer(request)
        if status == .unauthorized || (request.signedIn == nil && Self.isStaffPath(request.url.path)) {
            let returnTo = request.method == .GET ? request.url.path + (request.url.query.map { "?" + $0 } ?? "") : (back ?? "/counter")
            let next = LoginController.localPath(returnTo).map { [("next", $0)] } ?? []
            ways.append((context.link("/login", next), context.t("ログインして元の画面に戻る", "Sign in and return to the page")))
        }
        if let back, back != request.url.path { ways.append((back, context.t("前の画面に戻る", "Back to the previous page"))) }
        if let user = request.signedIn?.user {
            ways.append((LoginController.home(for: user), context.t("業務の最初の画面へ", "To your start page")))
        } else {
            ways.append((context.link("/guide"), context.t("手続きガイドへ", "Go to the procedure guide")))
        }
        return ways
    }

    static func isStaffPath(_ path: String) -> Bool {
        ["/counter", "/sections", "/admin", "/queue/desk", "/account"].contains { path == $0 || path.hasPrefix($0 + "/") }
    }

    /// The page the request came from, when it is on this site.
    static func localReferer(_ request: Request) -> String? {
        guard let referer = request.headers.first(name: .referer), let url = URLComponents(string: referer) else { return nil }
        if let host = url.host, host != request.headers.first(name: .host)?.split(separator: ":").first.map(String.init) { return nil }
        let path = url.percentEncodedPath + (url.percentEncodedQuery.map { "?" + $0 } ?? "")
        return LoginController.localPath(path)
    }
}
