import Fluent
import Foundation
@testable import MadoguchiServer
import MadoguchiCore
import Testing
import Vapor
import VaporTesting

@Suite struct IdentityAPITests {
    /// Posts JSON to the identity API with the clerk's cookies and, unless told otherwise, the CSRF header.
    static func post(_ clerk: inout Clerk, caseID: String, _ json: String, token: String? = nil) async throws -> TestingHTTPResponse {
        let page = try await clerk.browser.get("/counter/cases/\(caseID)")
        var headers = HTTPHeaders()
        headers.contentType = .json
        let csrf = try StaffBrowser.csrf(in: page)
        headers.add(name: "X-CSRF-Token", value: token ?? csrf)
        headers.add(name: .cookie, value: clerk.browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        return try await clerk.browser.app.testing().sendRequest(.POST, "/api/v1/counter/identity", headers: headers, body: ByteBuffer(string: json))
    }

    @Test func aCardsFourItemsFillAPerson() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-in")
            let response = try await Self.post(&clerk, caseID: id, #"""
                {"caseId":"\#(id)","name":"髙橋　健司","birthDate":"19820514","sex":"1",
                 "address":"東京都世田谷区太子堂四丁目1番1号 キャロットタワー101","myNumber":"123456789018"}
                """#)
            #expect(response.status == .ok)
            #expect(try json(response)["member"] as? Int == 1)
            let member = try #require(try await CaseMemberRecord.query(on: app.db).first())
            #expect(Array(member.familyName.unicodeScalars) == Array("髙橋".unicodeScalars))
            #expect(member.givenName == "健司")
            #expect(member.birthDate == "1982-05-14")
            #expect(member.sex == "male")
            #expect(member.myNumberLast4 == "9018")
            let record = try #require(try await CaseRecord.find(UUID(uuidString: id), on: app.db))
            #expect(record.oldAddress == AddressRecord(postcode: "", prefecture: "東京都", city: "世田谷区", town: "太子堂四丁目",
                                                       banchi: "1番1号", katagaki: "キャロットタワー101"))
            #expect(!response.body.string.contains("123456789018"))
        }
    }

    @Test func withoutTheCSRFTokenOrASessionItIsRefused() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-in")
            #expect(try await Self.post(&clerk, caseID: id, #"{"caseId":"\#(id)","name":"山田 花子"}"#, token: "forged").status == .forbidden)
            var headers = HTTPHeaders()
            headers.contentType = .json
            let anonymous = try await app.testing().sendRequest(.POST, "/api/v1/counter/identity", headers: headers,
                                                                body: ByteBuffer(string: #"{"caseId":"\#(id)"}"#))
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test func badItemsAreA400WithTheField() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-in")
            let wrongDigit = try await Self.post(&clerk, caseID: id, #"{"caseId":"\#(id)","name":"山田 花子","myNumber":"123456789012"}"#)
            #expect(wrongDigit.status == .badRequest)
            #expect(try apiError(wrongDigit).field == "members[0].myNumber")
            #expect(((try json(wrongDigit)["error"] as? [String: Any])?["message"] as? String)?.hasPrefix("Person 1, My Number:") == true)
            let unknown = try await Self.post(&clerk, caseID: id, #"{"caseId":"00000000-0000-0000-0000-000000000000"}"#)
            #expect(try apiError(unknown).field == "caseId")
            #expect(try await CaseMemberRecord.query(on: app.db).count() == 0)
        }
    }

    @Test(arguments: [
        ("栃木県サンプル市中央一丁目5番地3", ["栃木県", "サンプル市", "中央一丁目", "5番地3", ""]),
        ("神奈川県横浜市中区日本大通1", ["神奈川県", "横浜市中区", "日本大通", "1", ""]),
        ("北海道虻田郡倶知安町北1条東2丁目 コーポ3", ["北海道", "虻田郡倶知安町", "北", "1条東2丁目", "コーポ3"]),
    ])
    func aCardsAddressLineIsSplit(_ line: String, _ expected: [String]) {
        let parts = Dictionary(uniqueKeysWithValues: AddressLine.split(line))
        #expect([parts["prefecture"], parts["city"], parts["town"], parts["banchi"], parts["katagaki"]] == expected.map(Optional.some))
    }
}
