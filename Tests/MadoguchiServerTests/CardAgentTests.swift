import Fluent
import Foundation
@testable import MadoguchiServer
import MadoguchiCore
import Testing
import Vapor
import VaporTesting

/// The card reader's agent: paired with one staff member by a one-time code, it delivers cards that appear on
/// that staff member's Case screen only, and one tap puts a card into a person of the Case, once.
@Suite struct CardAgentTests {
    /// A pairing code from the clerk's screen.
    static func code(_ clerk: inout Clerk) async throws -> String {
        let page = try await clerk.browser.get("/counter/card-agent")
        let shown = try await clerk.browser.post("/counter/card-agent", [("_csrf", try StaffBrowser.csrf(in: page))])
        #expect(shown.headers.first(name: .cacheControl) == "no-store")
        let match = try #require(shown.body.string.firstMatch(of: /id="pairing-code">([0-9A-Z-]{9})</))
        #expect(shown.body.string.contains("madoguchi card-agent --server "))
        return String(match.1)
    }

    static func postJSON(_ app: Application, _ path: String, _ json: String, token: String? = nil) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        headers.contentType = .json
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        return try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: json))
    }

    static func pair(_ app: Application, _ code: String) async throws -> String {
        let paired = try await postJSON(app, "/api/v1/card-agent/pair", #"{"code":"\#(code.lowercased())"}"#)
        #expect(paired.status == .ok)
        return try #require(try json(paired)["token"] as? String)
    }

    static let hanako = #"{"name":"髙橋　花子","birthDate":"19860714","sex":"2","address":"東京都世田谷区太子堂四丁目1番1号 キャロットタワー101"}"#

    @Test func aCodeIsUsedOnceAndATokenIsNeededToDeliver() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let code = try await Self.code(&clerk)
            let token = try await Self.pair(app, code)
            #expect(try await Self.postJSON(app, "/api/v1/card-agent/pair", #"{"code":"\#(code)"}"#).status == .unauthorized, "used once")
            #expect(try await Self.postJSON(app, "/api/v1/card-agent/pair", #"{"code":"2222-2222"}"#).status == .unauthorized)
            #expect(try await Self.postJSON(app, "/api/v1/card-agent/pair", #"{}"#).status == .badRequest)
            #expect(try await Self.postJSON(app, "/api/v1/card-agent/reads", Self.hanako).status == .unauthorized)
            #expect(try await Self.postJSON(app, "/api/v1/card-agent/reads", Self.hanako, token: "forged").status == .unauthorized)
            let delivered = try await Self.postJSON(app, "/api/v1/card-agent/reads", Self.hanako, token: token)
            #expect(delivered.status == .created)
            #expect(try json(delivered)["staff"] as? String == "madoguchi1")
            let wrongSex = try await Self.postJSON(app, "/api/v1/card-agent/reads",
                                                   #"{"name":"a b","birthDate":"19860714","sex":"x","address":"東京都"}"#, token: token)
            #expect(try apiError(wrongSex).field == "sex")
            let withNumber = try await Self.postJSON(app, "/api/v1/card-agent/reads",
                                                     #"{"name":"a b","birthDate":"19860714","sex":"1","address":"東京都","myNumber":"123456789018"}"#, token: token)
            #expect(try apiError(withNumber).field == "myNumber")
            #expect(try await CardReadRecord.query(on: app.db).count() == 1)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "card-agent.paired").count() == 1)
        }
    }

    @Test func aReadShowsOnlyForItsStaffMemberAndFillsANewPersonOnce() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-in")
            let token = try await Self.pair(app, try await Self.code(&clerk))
            #expect(try await Self.postJSON(app, "/api/v1/card-agent/reads", Self.hanako, token: token).status == .created)

            // Another clerk sees nothing of it.
            try await app.staff("madoguchi2", .counter)
            var other = StaffBrowser(app)
            _ = try await other.signIn("madoguchi2", "correct horse battery")
            #expect(try await other.get("/counter/card-reads").body.string == "[]")

            let screen = try await clerk.browser.get("/counter/cases/\(id)")
            #expect(screen.body.string.contains("髙橋　花子"))
            let read = try #require(try await CardReadRecord.query(on: app.db).first())
            let readID = try read.requireID()
            let listed = try await clerk.browser.get("/counter/card-reads")
            #expect(listed.body.string.contains(readID.uuidString))
            let applied = try await clerk.browser.post("/counter/cases/\(id)/card-reads/\(readID)",
                                                       [("member", "new"), ("_csrf", try StaffBrowser.csrf(in: screen))])
            #expect(applied.status == .seeOther)
            let location = try #require(applied.headers.first(name: .location))
            #expect(location.contains("notice=card") && location.contains("m0-family") && location.contains("old-city"))
            let marked = try await clerk.browser.get(location).body.string
            #expect(marked.contains(#"class="field changed"><label for="m0-family">"#))
            let member = try #require(try await CaseMemberRecord.query(on: app.db).first())
            #expect(Array(member.familyName.unicodeScalars) == Array("髙橋".unicodeScalars) && member.givenName == "花子")
            #expect(member.birthDate == "1986-07-14" && member.sex == "female" && member.relation == "head")
            #expect(try await CaseRecord.find(UUID(uuidString: id), on: app.db)?.oldAddress?.city == "世田谷区")
            // Used once: gone from the list, a second tap changes nothing.
            #expect(try await clerk.browser.get("/counter/card-reads").body.string == "[]")
            let again = try await clerk.browser.post("/counter/cases/\(id)/card-reads/\(readID)",
                                                     [("member", "new"), ("_csrf", try StaffBrowser.csrf(in: screen))])
            #expect(again.status == .notFound)
            #expect(try await CaseMemberRecord.query(on: app.db).count() == 1)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "card.read").count() == 1)
            #expect(try await CardReadRecord.find(readID, on: app.db) == nil, "a read taken is deleted: its items are in the Case")
            // A read nobody takes is deleted by the hourly clean-up once its half hour is over.
            #expect(try await Self.postJSON(app, "/api/v1/card-agent/reads", Self.hanako, token: token).status == .created)
            // The read is made 31 minutes old instead of running the clean-up 31 minutes ahead: ahead, after 23:29 in
            // Japan, it also (rightly) deleted the device token, which ends with the day, and the next post failed.
            try await app.writeTransaction { db in
                try await CardReadRecord.query(on: db).set(\.$readAt, to: Date().addingTimeInterval(-31 * 60)).update()
            }
            #expect(try await CardAgents.deleteExpired(app) == 1)
            #expect(try await CardReadRecord.query(on: app.db).count() == 0)
            // Person numbers beyond the household (and nonsense) are refused, never a crash.
            #expect(try await Self.postJSON(app, "/api/v1/card-agent/reads", Self.hanako, token: token).status == .created)
            let next = try #require(try await CardReadRecord.query(on: app.db).first())
            for member in ["0", "3", "-1", "x", ""] {
                let refused = try await clerk.browser.post("/counter/cases/\(id)/card-reads/\(try next.requireID())",
                                                           [("member", member), ("_csrf", try StaffBrowser.csrf(in: screen))])
                #expect(refused.status == .badRequest, "member \(member)")
            }
        }
    }

    @Test func aFamilyOfFourIsFilledOneTapPerCard() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-in")
            let token = try await Self.pair(app, try await Self.code(&clerk))
            let family = [("山田　太郎", "19840510", "1"), ("山田　花子", "19860714", "2"), ("山田　一郎", "20150620", "1"), ("山田　桜", "20181103", "2")]
            for (name, birth, sex) in family.reversed() {  // newest first on the screen: read in reverse, taken in order
                let body = #"{"name":"\#(name)","birthDate":"\#(birth)","sex":"\#(sex)","address":"栃木県サンプル市中央一丁目5番地3"}"#
                #expect(try await Self.postJSON(app, "/api/v1/card-agent/reads", body, token: token).status == .created)
            }
            var taps = 0
            for (name, _, _) in family {
                let screen = try await clerk.browser.get("/counter/cases/\(id)")
                let read = try #require(try await CardReadRecord.query(on: app.db).filter(\.$name == name).first())
                _ = try await clerk.browser.post("/counter/cases/\(id)/card-reads/\(try read.requireID())",
                                                 [("member", "new"), ("_csrf", try StaffBrowser.csrf(in: screen))])
                taps += 1
            }
            #expect(taps == 4)
            let members = try await CaseMemberRecord.query(on: app.db).sort(\.$position).all()
            #expect(members.map(\.givenName) == ["太郎", "花子", "一郎", "桜"])
            #expect(members.map(\.relation) == ["head", "spouse", "child", "child"])
            #expect(try await CaseRecord.find(UUID(uuidString: id), on: app.db)?.staffInputs == 4)
        }
    }

    @Test func aCardWithoutASexLeavesItToStaff() async throws {
        var input = CaseInput()
        try IdentityItems(name: "髙橋　一郎", birthDate: "19700101", sex: "9", address: "沖縄県那覇市泉崎一丁目1番1号").fill(&input, person: 0, caseHasAddress: false)
        #expect(input.people[0].sex == "" && input.people[0].birthDate == "1970-01-01")
        #expect(input.addresses[.old]?.city == "那覇市")
        #expect(throws: GuideError.self) {
            var other = CaseInput()
            try IdentityItems(name: "a b", sex: "3").fill(&other, person: 0, caseHasAddress: false)
        }
    }

    @Test func theMyNumberComesOnlyWhenAskedForACaseThatUsesIt() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-in")
            let token = try await Self.pair(app, try await Self.code(&clerk))
            let withNumber = #"{"name":"山田　太郎","birthDate":"19840510","sex":"1","address":"東京都千代田区霞が関一丁目1番1号","myNumber":"123456789018"}"#
            // Not asked: refused, and nothing kept.
            #expect(try apiError(try await Self.postJSON(app, "/api/v1/card-agent/reads", withNumber, token: token)).field == "myNumber")
            #expect(try await CardReadRecord.query(on: app.db).count() == 0)
            var screen = try await clerk.browser.get("/counter/cases/\(id)")
            #expect(!screen.body.string.contains("card-ask-my-number"), "no procedure of 個人番号利用事務 yet")
            let early = try await clerk.browser.post("/counter/cases/\(id)/card-my-number", [("_csrf", try StaffBrowser.csrf(in: screen))])
            #expect(early.status == .badRequest)

            // With national health insurance (個人番号利用事務) on the Case, staff ask, and the next card brings it.
            _ = try await clerk.save(id, people: 1, [("eventDate", "2026-04-01"), ("m0-relation", "head"), ("m0-sex", "male"),
                                                     ("m0-birthDate", "1984-05-10"), ("m0-insurance", "national"), ("m0-moving", "on")])
            screen = try await clerk.browser.get("/counter/cases/\(id)")
            #expect(screen.body.string.contains("card-ask-my-number"))
            #expect(try await clerk.browser.post("/counter/cases/\(id)/card-my-number", [("_csrf", try StaffBrowser.csrf(in: screen))]).status == .seeOther)
            let next = try await app.testing().sendRequest(.GET, "/api/v1/card-agent/next", headers: ["Authorization": "Bearer \(token)"])
            #expect(try json(next)["myNumber"] as? Bool == true)
            let wrongDigit = withNumber.replacingOccurrences(of: "123456789018", with: "123456789012")
            #expect(try apiError(try await Self.postJSON(app, "/api/v1/card-agent/reads", wrongDigit, token: token)).field == "myNumber")
            #expect(try await Self.postJSON(app, "/api/v1/card-agent/reads", withNumber, token: token).status == .created)
            let read = try #require(try await CardReadRecord.query(on: app.db).first())
            #expect(read.myNumberSealed != nil && read.myNumberSealed?.contains("123456789018") == false)
            // One card per request.
            let after = try await app.testing().sendRequest(.GET, "/api/v1/card-agent/next", headers: ["Authorization": "Bearer \(token)"])
            #expect(try json(after)["myNumber"] as? Bool == false)
            let listed = try await clerk.browser.get("/counter/card-reads").body.string
            #expect(listed.contains(#""hasMyNumber":true"#) && !listed.contains("123456789018"))

            _ = try await clerk.browser.post("/counter/cases/\(id)/card-reads/\(try read.requireID())",
                                             [("member", "1"), ("_csrf", try StaffBrowser.csrf(in: screen))])
            let member = try #require(try await CaseMemberRecord.query(on: app.db).first())
            #expect(member.myNumberLast4 == "9018" && member.givenName == "太郎")
            #expect(try await CardReadRecord.find(read.id, on: app.db)?.myNumberSealed == nil, "no copy left in the read")
            #expect(!(try await clerk.browser.get("/counter/cases/\(id)").body.string.contains("123456789018")))
        }
    }
}
