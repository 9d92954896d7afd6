import Foundation
@testable import MadoguchiServer
import Testing
import Vapor

/// The application listening on a real port of 127.0.0.1, for tests that need real connections in parallel.
func withLiveServer(_ app: Application, _ body: (LiveServer) async throws -> Void) async throws {
    app.http.client.configuration.redirectConfiguration = .disallow  // a test reads each 303 itself
    // Waiting for a pooled connection counts against `connect` (10 s by default): with the whole suite running
    // beside a test of a hundred parallel sign-ins on two cores, that wait is the machine's, not the server's.
    app.http.client.configuration.timeout = .init(connect: .seconds(60), read: .seconds(120))
    try await app.server.start(address: .hostname("127.0.0.1", port: 0))
    do {
        let port = try #require(app.http.server.shared.localAddress?.port)
        try await body(LiveServer(client: app.client, base: "http://127.0.0.1:\(port)"))
    } catch {
        await app.server.shutdown()
        throw error
    }
    await app.server.shutdown()
}

struct LiveServer: Sendable {
    let client: any Client
    let base: String

    struct Answer: Sendable {
        let status: HTTPResponseStatus
        let headers: HTTPHeaders
        let body: String
    }

    func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders = [:], body: ByteBuffer? = nil) async throws -> Answer {
        let response = try await client.send(method, headers: headers, to: URI(string: base + path)) { request in
            request.body = body
        }
        return Answer(status: response.status, headers: response.headers, body: response.body.map { String(buffer: $0) } ?? "")
    }

    /// A staff sign-in as a browser does it: the login page for its cookie and token, then the POST.
    func signIn(_ username: String, _ password: String) async throws -> Answer {
        let page = try await send(.GET, "/login")
        let cookie = try #require(page.headers[.setCookie].first { $0.hasPrefix(LoginController.loginCookie + "=") })
        let pair = String(cookie.split(separator: ";")[0])
        let marker = #"name="_csrf" value=""#
        let start = try #require(page.body.range(of: marker)).upperBound
        let token = String(page.body[start...].prefix { $0 != "\"" })
        var headers = HTTPHeaders()
        headers.add(name: .cookie, value: pair)
        headers.add(name: .contentType, value: "application/x-www-form-urlencoded")
        let form = "username=\(username)&password=\(password.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&_csrf=\(token)"
        return try await send(.POST, "/login", headers: headers, body: ByteBuffer(string: form))
    }
}
