import Foundation
@testable import MadoguchiServer
import MadoguchiCore
import Testing
import Vapor
import VaporTesting

/// Every message in the page's language, naming the person and the field.
@Suite struct LanguageTests {
    @Test(arguments: [("", "2人目の名：41文字あります。40文字までで入力してください。"),
                      ("?lang=en", "Person 2, given name: is 41 characters long; at most 40 are allowed")])
    func aTooLongNameIsNamedInThePagesLanguage(query: String, expected: String) async throws {
        try await withMadoguchi { app in
            var citizen = Citizen(app)
            let path = try await citizen.startFamilyOfFour() + query
            let page = try await citizen.browser.get(path)
            var fields = familyOfFourFields.filter { key, _ in ApplyController.isEditable(key) && key != "m1-given" }
            fields += [("m1-given", String(repeating: "太", count: 41)), ("_csrf", try StaffBrowser.csrf(in: page)), ("action", "check"), ("website", "")]
            let answer = try await citizen.browser.post(path, fields)
            #expect(answer.status == .badRequest)
            let html = answer.body.string
            #expect(html.components(separatedBy: expected).count == 3, "in the summary and next to the field")
            #expect(!html.contains("characters long") || query == "?lang=en")
        }
    }

    @Test func theGuideNamesAnUnreadableDateInEnglish() async throws {
        try await withMadoguchi { app in
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            let body = "people=1&eventDate=2026-02-30&m0-relation=head&m0-sex=female&m0-birthDate=1986-07-14"
            let page = try await app.testing().sendRequest(.POST, "/guide/move-in?lang=en", headers: headers, body: ByteBuffer(string: body))
            #expect(page.status == .badRequest)
            #expect(!page.body.string.contains("eventDate is not"))
            #expect(page.body.string.contains("as a real date"))
        }
    }

    @Test func aCounterErrorNamesThePersonAndTheField() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-in")
            let fields = familyOfFourFields.filter { $0.0 != "m3-familyKana" } + [("m3-familyKana", "yamada")]
            let page = try await clerk.save(id, people: 4, fields).body.string
            #expect(page.contains("4人目のフリガナ（氏）：フリガナはカタカナで入力してください。"))
        }
    }
}

@Suite struct GuideInsuranceTests {
    /// Nobody's health insurance is assumed: the select starts on "choose", and an answer is asked of everyone
    /// but a newborn, naming the person.
    @Test func insuranceIsAskedNotAssumed() async throws {
        try await withMadoguchi { app in
            let form = try await app.testing().sendRequest(.GET, "/guide/move-in?people=2").body.string
            let select = try #require(form.firstRange(of: #"<select id="m1-insurance""#)).lowerBound
            let options = String(form[select...].prefix(400))
            #expect(options.contains(#"<option value>選択してください</option>"#))
            #expect(!options.contains("selected"))
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            let body = "people=2&eventDate=2026-04-01&m0-relation=head&m0-sex=female&m0-birthDate=1986-07-14&m0-insurance=national"
                + "&m1-relation=child&m1-sex=male&m1-birthDate=2016-05-01"
            let answer = try await app.testing().sendRequest(.POST, "/guide/move-in", headers: headers, body: ByteBuffer(string: body))
            #expect(answer.status == .badRequest)
            #expect(answer.body.string.contains("2人目の加入している健康保険"))
        }
    }
}

@Suite struct EnglishPagesTests {
    @Test func theKioskAndTheStaffBarSpeakEnglish() async throws {
        try await withMadoguchi { app in
            let kiosk = try await app.testing().sendRequest(.GET, "/kiosk?lang=en&error=closed").body.string
            #expect(kiosk.contains("Tickets are not issued now") && !kiosk.contains("本日の受付は終了しました"))
            var clerk = try await Clerk.signedIn(app)
            let home = try await clerk.browser.get("/counter?lang=en").body.string
            #expect(home.contains("（Counter staff）") && !home.contains("窓口職員"))
        }
    }
}

@Suite struct QuestionScopePageTests {
    /// The page marks whom a question can concern, and an answer that cannot apply is not passed on.
    @Test func anAnswerThatCannotApplyIsIgnored() async throws {
        try await withMadoguchi { app in
            let page = try await app.testing().sendRequest(.GET, "/guide/move-in?people=2").body.string
            #expect(page.contains(#"<div class="scoped" data-ages="40-">"#))
            let event = try #require(app.madoguchi.catalog.event("move-in"))
            var form = GuideForm(event: event, people: 2, values: [
                "eventDate": "2026-04-01", "m0-relation": "head", "m0-sex": "female", "m0-birthDate": "1950-07-14", "m0-careCertification": "care1",
                "m1-relation": "child", "m1-sex": "male", "m1-birthDate": "2015-06-20", "m1-careCertification": "care1"])
            form.scopes = GuideForm.scopes(app.madoguchi.catalog)
            guard case .object(let body) = form.request(), case .array(let members)? = body["members"],
                  case .object(let adult) = members[0], case .object(let child) = members[1] else {
                Issue.record("not a guide request")
                return
            }
            #expect(adult["careCertification"] != nil)
            #expect(child["careCertification"] == nil, "long-term care is not asked of a ten-year-old")
        }
    }
}
