import Foundation
@testable import MadoguchiServer
import MadoguchiCore
import Testing
import Vapor
import VaporTesting

/// A browser for the staff pages in tests: it keeps cookies and reads CSRF tokens from pages.
struct StaffBrowser {
    let app: Application
    var cookies: [String: String] = [:]
    /// The `Host` the browser sends (the address it typed), when a page must link back to a live server.
    var host: String?

    init(_ app: Application) { self.app = app }

    mutating func get(_ path: String) async throws -> TestingHTTPResponse {
        let response = try await app.testing().sendRequest(.GET, path, headers: headers())
        keepCookies(response)
        return response
    }

    mutating func post(_ path: String, _ fields: [(String, String)]) async throws -> TestingHTTPResponse {
        var headers = headers()
        headers.contentType = .urlEncodedForm
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        let response = try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
        keepCookies(response)
        return response
    }

    /// Posts a multipart form as a browser does when a form has a file input (`file`: name, type, bytes).
    mutating func postMultipart(_ path: String, _ fields: [(String, String)], file: (name: String, type: String, bytes: [UInt8])? = nil,
                                fileField: String = "file") async throws -> TestingHTTPResponse {
        let boundary = "----madoguchi\(UUID().uuidString)"
        var body = Data()
        for (field, value) in fields {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"\r\n\r\n\(value)\r\n".utf8))
        }
        if let file {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(fileField)\"; filename=\"\(file.name)\"\r\nContent-Type: \(file.type)\r\n\r\n".utf8))
            body.append(Data(file.bytes))
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        var headers = headers()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        let response = try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(data: body))
        keepCookies(response)
        return response
    }

    /// Opens the login page and signs in; returns the answer to the login POST.
    mutating func signIn(_ username: String, _ password: String, next: String? = nil) async throws -> TestingHTTPResponse {
        let page = try await get("/login" + (next.map { "?next=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? ""))
        var fields = [("username", username), ("password", password), ("_csrf", try Self.csrf(in: page))]
        if let next { fields.append(("next", next)) }
        return try await post("/login", fields)
    }

    /// The CSRF token of a page's first form.
    static func csrf(in response: TestingHTTPResponse) throws -> String {
        let html = response.body.string
        let marker = #"name="_csrf" value=""#
        let start = try #require(html.range(of: marker)).upperBound
        let end = try #require(html[start...].firstIndex(of: "\""))
        return String(html[start..<end])
    }

    private func headers() -> HTTPHeaders {
        var headers = HTTPHeaders()
        if let host { headers.replaceOrAdd(name: .host, value: host) }
        if !cookies.isEmpty { headers.add(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
        return headers
    }

    private mutating func keepCookies(_ response: TestingHTTPResponse) {
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let name = String(pair[0]).trimmingCharacters(in: .whitespaces)
            let value = String(pair[1])
            if header.contains("Max-Age=0") || header.contains("1970") || value.isEmpty { cookies[name] = nil } else { cookies[name] = value }
        }
    }
}

extension Application {
    /// A staff account for a test, created directly.
    @discardableResult
    func staff(_ username: String, _ role: StaffRole, section: String? = nil, password: String = "correct horse battery") async throws -> StaffUser {
        try await StaffAccounts(app: self).create(username: username, role: role, sectionCode: section, password: password)
    }
}
