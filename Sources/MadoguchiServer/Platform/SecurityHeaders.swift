import Vapor

/// Headers every answer carries — error pages included, since this runs outside `ErrorPages`: no sniffing,
/// no framing by other sites, no referrer leaks, a content policy that allows only our own scripts and
/// styles, and `Cache-Control: no-store` unless the handler chose a cache policy itself (only fixed assets
/// do): pages show personal data, and a shared computer's back button or a proxy must not keep them.
struct SecurityHeaders: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        if response.headers.first(name: .cacheControl) == nil {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        response.headers.replaceOrAdd(name: "Content-Security-Policy",
                                      value: "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'")
        return response
    }
}
