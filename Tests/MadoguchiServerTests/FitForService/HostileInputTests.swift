import Fluent
import Foundation
@testable import MadoguchiServer
import MadoguchiCore
import Testing
import Vapor
import VaporTesting

/// No request ends the process or costs more than its size: the inputs once seen to do so.
@Suite struct HostileInputTests {
    /// `member: 1` of a Case that has nobody yet once trapped on an empty range and killed the server.
    @Test(arguments: [0, 1, 2, -1, Int.max])
    func aPersonOutsideTheCaseIsABadRequest(member: Int) async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-in")
            let response = try await IdentityAPITests.post(&clerk, caseID: id, #"{"caseId":"\#(id)","member":\#(member)}"#)
            #expect(response.status == .badRequest)
            #expect(try apiError(response).field == "member")
            #expect(try await app.testing().sendRequest(.GET, "/healthz").status == .ok)
        }
    }

    static func multipart(parts: Int, boundary: String = "xyzzy") -> ByteBuffer {
        var text = ""
        text.reserveCapacity(parts * 60)
        for index in 0..<parts {
            text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"f\(index)\"\r\n\r\nx\r\n"
        }
        text += "--\(boundary)--\r\n"
        return ByteBuffer(string: text)
    }

    /// 40,000 tiny parts in 2 MB once cost 36 s of CPU before any check. Counting them is one pass; the body
    /// is refused before it is parsed — to a draft that does not exist without reading it at all.
    @Test func aBodyOfFortyThousandPartsIsRefusedBeforeItIsParsed() async throws {
        try await withMadoguchi { app in
            var headers = HTTPHeaders()
            headers.add(name: .contentType, value: "multipart/form-data; boundary=xyzzy")
            let body = Self.multipart(parts: 40_000)
            #expect(body.readableBytes > 1_900_000)
            let started = Date()
            let unknown = try await app.testing().sendRequest(.POST, "/apply/no-such-draft/attachments", headers: headers, body: body)
            #expect(unknown.status == .notFound)
            var citizen = Citizen(app)
            let path = try await citizen.startFamilyOfFour()
            let known = try await app.testing().sendRequest(.POST, path + "/attachments", headers: headers, body: body)
            // The CSRF field cannot be read from a body that is refused, so it is forbidden.
            #expect([.payloadTooLarge, .forbidden].contains(known.status))
            let staff = try await app.testing().sendRequest(.POST, "/counter/cases", headers: headers, body: body)
            #expect([.payloadTooLarge, .unauthorized, .forbidden].contains(staff.status))
            #expect(Date().timeIntervalSince(started) < 15, "linear, not quadratic (it took 36 s; about 2 s now, 5 s with the whole suite beside it)")
        }
    }

    /// The same for URL-encoded forms: 250,000 fields in 1 MB.
    @Test func aFormOfAQuarterMillionFieldsIsRefused() async throws {
        try await withMadoguchi { app in
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            let body = ByteBuffer(string: Array(repeating: "a=b", count: 250_000).joined(separator: "&"))
            let started = Date()
            let response = try await app.testing().sendRequest(.POST, "/guide/move-in", headers: headers, body: body)
            #expect([.payloadTooLarge, .badRequest].contains(response.status))
            #expect(throws: Abort.self) { try BoundedURLEncodedFormDecoder().decode([String: String].self, from: body, headers: headers) }
            #expect(Date().timeIntervalSince(started) < 15, "refused early, not parsed field by field (a bound against a hang, not a timing)")
        }
    }

    /// What a real form sends still goes through: the limit sits above the largest form.
    @Test func aFormJustUnderTheLimitIsParsed() throws {
        let decoder = BoundedFormDataDecoder()
        var headers = HTTPHeaders()
        headers.add(name: .contentType, value: "multipart/form-data; boundary=xyzzy")
        let fields = try decoder.decode([String: String].self, from: Self.multipart(parts: FormLimits.maxParts), headers: headers)
        #expect(fields.count == FormLimits.maxParts)
        #expect(throws: Abort.self) {
            try decoder.decode([String: String].self, from: Self.multipart(parts: FormLimits.maxParts + 1), headers: headers)
        }
        let form = ByteBuffer(string: (0..<FormLimits.maxFields).map { "f\($0)=x" }.joined(separator: "&"))
        var formHeaders = HTTPHeaders()
        formHeaders.contentType = .urlEncodedForm
        #expect(try BoundedURLEncodedFormDecoder().decode([String: String].self, from: form, headers: formHeaders).count == FormLimits.maxFields)
    }

    @Test func occurrencesAreCountedWithoutOverlapAndUpToALimit() {
        let buffer = ByteBuffer(string: "--a--a---a-")
        #expect(buffer.occurrences(of: Array("--a".utf8), upTo: 10) == 3)
        #expect(buffer.occurrences(of: Array("--a".utf8), upTo: 2) == 2)
        #expect(ByteBuffer(string: "aaaa").occurrences(of: Array("aa".utf8), upTo: 10) == 2)
        #expect(ByteBuffer(string: "").occurrences(of: Array("aa".utf8), upTo: 10) == 0)
    }
}
