import Fluent
import MadoguchiCore
import Vapor

/// Who is signed in on this request, if anyone.
struct SignedIn: Sendable {
    let user: StaffUserSnapshot
    let sessionID: String
    let csrfToken: String
}

/// The fields of a signed-in user a handler needs (a value, so it can cross concurrency domains).
struct StaffUserSnapshot: Sendable {
    let id: UUID
    let username: String
    let displayName: String
    let role: StaffRole
    let sectionCode: String?
    let mustChangePassword: Bool

    init(_ user: StaffUser) throws {
        self.id = try user.requireID()
        self.username = user.username
        self.displayName = user.displayName
        self.role = user.role
        self.sectionCode = user.sectionCode
        self.mustChangePassword = user.mustChangePassword
    }
}

extension Request {
    private struct SignedInKey: StorageKey { typealias Value = SignedIn }

    var signedIn: SignedIn? {
        get { storage[SignedInKey.self] }
        set { storage[SignedInKey.self] = newValue }
    }
}

/// Reads the session cookie and ends sessions that are idle for an hour or older than a working day.
struct StaffSessionMiddleware: AsyncMiddleware {
    static let cookieName = "madoguchi_staff"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let token = request.cookies[Self.cookieName]?.string, !token.isEmpty {
            request.signedIn = try await Self.resume(token: token, on: request)
        }
        return try await next.respond(to: request)
    }

    static func resume(token: String, on request: Request, now: Date = Date()) async throws -> SignedIn? {
        let id = Tokens.digest(token)
        guard let session = try await StaffSession.query(on: request.db).filter(\.$id == id).with(\.$user).first() else { return nil }
        let idle = now.timeIntervalSince(session.lastSeenAt)
        let age = now.timeIntervalSince(session.createdAt)
        guard idle < Double(AccountPolicy.idleTimeout.components.seconds),
              age < Double(AccountPolicy.absoluteTimeout.components.seconds),
              !session.user.disabled else {
            try await request.writeTransaction { db in try await StaffSession.query(on: db).filter(\.$id == id).delete() }
            return nil
        }
        if idle > 60 {  // one write a minute at most, not one per request
            try await request.writeTransaction { db in
                try await StaffSession.query(on: db).filter(\.$id == id).set(\.$lastSeenAt, to: now).update()
            }
        }
        return SignedIn(user: try StaffUserSnapshot(session.user), sessionID: id, csrfToken: session.csrfToken)
    }
}

/// Lets through only staff of the given roles. A visitor who is not signed in goes to the login page;
/// a signed-in user of another role gets 403; a user with a one-time password must set their own first.
/// Every state-changing request must carry the session's CSRF token.
struct RequireStaff: AsyncMiddleware {
    let roles: Set<StaffRole>

    init(_ roles: StaffRole...) { self.roles = Set(roles) }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let signedIn = request.signedIn else {
            if request.method == .GET {
                let target = request.url.path + (request.url.query.map { "?" + $0 } ?? "")
                return request.redirect(to: "/login?next=" + (target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
            }
            throw Abort(.unauthorized, reason: "ログインしてください。")
        }
        if signedIn.user.mustChangePassword {
            return request.redirect(to: "/account/password")
        }
        guard roles.contains(signedIn.user.role) else {
            throw Abort(.forbidden, reason: "この画面を使う権限がありません。")
        }
        try await CSRF.verifyCollecting(request, expected: signedIn.csrfToken)
        return try await next.respond(to: request)
    }
}

/// Cross-site request forgery protection: every POST carries a token only our own pages know.
enum CSRF {
    static let field = "_csrf"
    static let header = "X-CSRF-Token"

    /// Middleware runs before the route collects the body, and a large form arrives in several chunks:
    /// collect it first (up to the application's body limit) so the token field can be read.
    static func verifyCollecting(_ request: Request, expected: String) async throws {
        guard request.method != .GET, request.method != .HEAD else { return }
        if request.headers.first(name: header) == nil {
            // A route that takes large bodies (scans) says how large: `Route.collectsUpTo`.
            let limit = request.route?.userInfo[Route.collectsUpToKey] as? Int ?? request.application.routes.defaultMaxBodySize.value
            _ = try await request.body.collect(max: limit).get()
        }
        try verify(request, expected: expected)
    }

    static func verify(_ request: Request, expected: String) throws {
        guard request.method != .GET, request.method != .HEAD else { return }
        let sent = request.headers.first(name: header) ?? (try? request.content.get(String.self, at: field))
        guard let sent, Tokens.constantTimeEqual(sent, expected) else {
            throw Abort(.forbidden, reason: "画面の有効期限が切れたか、不正な送信です。画面を開き直してください。")
        }
    }
}

extension Route {
    static let collectsUpToKey: AnySendableHashable = "madoguchi.collectsUpTo"

    /// Lets the CSRF check collect a body this large before the route does (the route's own `.collect(maxSize:)`
    /// runs after the middleware).
    @discardableResult
    func collectsUpTo(_ bytes: Int) -> Route {
        userInfo[Self.collectsUpToKey] = bytes
        return self
    }
}
