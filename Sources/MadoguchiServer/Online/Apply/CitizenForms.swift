import MadoguchiCore
import NIOConcurrencyHelpers
import Vapor

/// Protection for the citizens' forms: a CSRF token shared by a cookie and a hidden field (citizens have
/// no session), a honeypot field that people never see and robots fill, and per-address rate limits.
enum CitizenForms {
    static let cookie = "madoguchi_citizen"
    static let honeypot = "website"

    /// The token of this browser, issued on first sight.
    static func token(_ req: Request) -> String {
        req.cookies[cookie]?.string ?? req.storage[IssuedKey.self] ?? {
            let token = Tokens.random()
            req.storage[IssuedKey.self] = token
            return token
        }()
    }

    /// Sets the cookie on a page that carries the token in its forms.
    static func attach(_ req: Request, to response: Response) -> Response {
        if req.cookies[cookie] == nil, let token = req.storage[IssuedKey.self] {
            response.cookies[cookie] = HTTPCookies.Value(string: token, maxAge: 86_400, path: "/",
                                                         isSecure: req.madoguchi.secureCookies, isHTTPOnly: true, sameSite: .strict)
        }
        return response
    }

    /// The hidden fields every citizen form carries.
    static func hiddenFields(_ req: Request) -> Markup {
        el("input", ["type": "hidden", "name": CSRF.field, "value": token(req)])
            + el("div", ["class": "hp", "aria-hidden": "true"]) {
                el("label", ["for": honeypot]) { "Website" }
                el("input", ["type": "text", "id": honeypot, "name": honeypot, "tabindex": "-1", "autocomplete": "off"])
            }
    }

    /// Refuses a forged post or a robot's.
    static func verify(_ req: Request) throws {
        let sent = (try? req.content.get(String.self, at: CSRF.field)) ?? ""
        guard let expected = req.cookies[cookie]?.string, Tokens.constantTimeEqual(sent, expected) else {
            throw Abort(.forbidden, reason: "画面の有効期限が切れました。ページを開き直してください。")
        }
        if let filled = try? req.content.get(String.self, at: honeypot), !filled.isEmpty {
            throw Abort(.badRequest, reason: "送信できませんでした。")
        }
    }

    private struct IssuedKey: StorageKey { typealias Value = String }
}

/// Per-address budgets for the citizens' doors.
/// `MADOGUCHI_SUBMISSIONS_PER_HOUR` (20) and `MADOGUCHI_LOOKUPS_PER_HOUR` (30) set them.
final class CitizenLimits: Sendable {
    private let submissions: NIOLockedValueBox<RateLimiter>
    private let lookups: NIOLockedValueBox<RateLimiter>

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let submissions = environment["MADOGUCHI_SUBMISSIONS_PER_HOUR"].flatMap(Int.init).map { max(1, $0) } ?? 20
        let lookups = environment["MADOGUCHI_LOOKUPS_PER_HOUR"].flatMap(Int.init).map { max(1, $0) } ?? 30
        self.submissions = NIOLockedValueBox(RateLimiter(limit: submissions, window: .seconds(3600)))
        self.lookups = NIOLockedValueBox(RateLimiter(limit: lookups, window: .seconds(3600)))
    }

    /// Starting or submitting an application.
    func allowSubmission(from req: Request) throws {
        let key = req.remoteAddress?.ipAddress ?? "unknown"
        guard submissions.withLockedValue({ $0.allow(key, now: .now) }) else {
            throw Abort(.tooManyRequests, reason: "短い時間に多くの申請がありました。しばらくしてからもう一度お試しください。")
        }
    }

    /// Looking up a status.
    func allowLookup(from req: Request) throws {
        let key = req.remoteAddress?.ipAddress ?? "unknown"
        guard lookups.withLockedValue({ $0.allow(key, now: .now) }) else {
            throw Abort(.tooManyRequests, reason: "短い時間に多くの照会がありました。しばらくしてからもう一度お試しください。")
        }
    }
}
