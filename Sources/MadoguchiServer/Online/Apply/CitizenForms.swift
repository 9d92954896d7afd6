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
        req.storage[IssuedKey.self] ?? req.cookies[cookie]?.string ?? {
            let token = Tokens.random()
            req.storage[IssuedKey.self] = token
            return token
        }()
    }

    /// Sets the cookie on a page that carries the token in its forms.
    static func attach(_ req: Request, to response: Response) -> Response {
        if let token = req.storage[IssuedKey.self] {
            response.cookies[cookie] = HTTPCookies.Value(string: token, maxAge: 86_400, path: "/",
                                                         isSecure: req.madoguchi.secureCookies, isHTTPOnly: true, sameSite: .strict)
        }
        return response
    }

    /// The hidden fields every citizen form carries. The honeypot's input sits inside its label and has no
    /// id, so a page whose forms all carry these fields still has unique ids.
    static func hiddenFields(_ req: Request) -> Markup {
        el("input", ["type": "hidden", "name": CSRF.field, "value": token(req)])
            + el("div", ["class": "hp", "aria-hidden": "true"]) {
                el("label") {
                    "Website"
                    el("input", ["type": "text", "name": honeypot, "tabindex": "-1", "autocomplete": "off"])
                }
            }
    }

    /// Refuses a forged post or a robot's. `form`: the body as already decoded, so it is not parsed again for
    /// each field (nil: read the two fields from the body, as for a multipart form).
    static func verify(_ req: Request, form values: [String: String]? = nil) throws {
        let sent = values.map { $0[CSRF.field] ?? "" } ?? (try? req.content.get(String.self, at: CSRF.field)) ?? ""
        guard let expected = req.cookies[cookie]?.string, Tokens.constantTimeEqual(sent, expected) else {
            throw Abort(.forbidden, reason: "画面の有効期限が切れました。ページを開き直してください。")
        }
        let filled = values.map { $0[honeypot] ?? "" } ?? (try? req.content.get(String.self, at: honeypot)) ?? ""
        if !filled.isEmpty {
            throw Abort(.badRequest, reason: "送信できませんでした。")
        }
    }

    private struct IssuedKey: StorageKey { typealias Value = String }
}

/// Per-address budgets for the citizens' doors (`CitizenBudgets`), counted by `Request.limitKey` (the client
/// behind a trusted proxy; an IPv6 client by its /64).
final class CitizenLimits: Sendable {
    private let submissions: NIOLockedValueBox<RateLimiter>
    private let certificateRequests: NIOLockedValueBox<RateLimiter>
    private let lookups: NIOLockedValueBox<RateLimiter>
    private let kioskTickets: NIOLockedValueBox<RateLimiter>
    private let kioskScans: NIOLockedValueBox<RateLimiter>

    init(_ budgets: CitizenBudgets) {
        submissions = NIOLockedValueBox(RateLimiter(limit: budgets.submissionsPerHour, window: .seconds(3600)))
        certificateRequests = NIOLockedValueBox(RateLimiter(limit: budgets.certificateRequestsPerHour, window: .seconds(3600)))
        lookups = NIOLockedValueBox(RateLimiter(limit: budgets.lookupsPerHour, window: .seconds(3600)))
        kioskTickets = NIOLockedValueBox(RateLimiter(limit: budgets.kioskTicketsPerMinute, window: .seconds(60)))
        kioskScans = NIOLockedValueBox(RateLimiter(limit: budgets.kioskScansPerMinute, window: .seconds(60)))
    }

    /// Starting or submitting an application.
    func allowSubmission(from req: Request) throws {
        try allow(submissions, req, "短い時間に多くの申請がありました。しばらくしてからもう一度お試しください。",
                  "Too many applications in a short time. Please try again later.")
    }

    /// Sending an online certificate request (or paying for one again).
    func allowCertificateRequest(from req: Request) throws {
        try allow(certificateRequests, req, "短い時間に多くの請求がありました。しばらくしてからもう一度お試しください。",
                  "Too many requests in a short time. Please try again later.")
    }

    /// Looking up a status.
    func allowLookup(from req: Request) throws {
        try allow(lookups, req, "短い時間に多くの照会がありました。しばらくしてからもう一度お試しください。",
                  "Too many look-ups in a short time. Please try again later.")
    }

    /// A ticket from a kiosk.
    func allowKioskTicket(from req: Request) throws {
        try allow(kioskTickets, req, "整理券の発行が続いています。少し待ってからもう一度お試しください。",
                  "Many tickets were just issued here. Please wait a moment and try again.")
    }

    /// A QR code or reference scanned at a kiosk: references cannot be tried out one after another.
    func allowKioskScan(from req: Request) throws {
        try allow(kioskScans, req, "読み取りが続いています。少し待ってからもう一度お試しください。",
                  "Many codes were just scanned here. Please wait a moment and try again.")
    }

    private func allow(_ limiter: NIOLockedValueBox<RateLimiter>, _ req: Request, _ ja: String, _ en: String) throws {
        let key = req.limitKey
        guard limiter.withLockedValue({ $0.allow(key, now: .now) }) else {
            throw Abort(.tooManyRequests, reason: PageContext(request: req).t(ja, en))
        }
    }
}

/// What cannot be undone (a withdrawal, a cancelled booking) is done only from its confirming button, which
/// sends `confirm=yes`; a first tap only opens the step that explains it.
enum ConfirmStep {
    static func require(_ req: Request) throws {
        guard (try? req.content.get(String.self, at: "confirm")) == "yes" else {
            throw Abort(.badRequest, reason: PageContext(request: req).t("確認のボタンから操作してください。", "Please use the confirming button."))
        }
    }
}
