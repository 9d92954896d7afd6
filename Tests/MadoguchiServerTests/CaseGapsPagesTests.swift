import Foundation
@testable import MadoguchiServer
import Testing
import Vapor
import VaporTesting

/// What a Case still lacks, as the citizen's check page and the counter show it: from the catalog, in the
/// page's language.
@Suite struct CaseGapsPagesTests {
    @Test func anEnglishCheckPageNamesTheMissingAddressInEnglishAndSubmittingIsRefused() async throws {
        try await withMadoguchi { app in
            var citizen = Citizen(app)
            let path = try await citizen.startFamilyOfFour()
            let page = try await citizen.browser.get(path)
            let fields = familyOfFourFields.filter { key, _ in ApplyController.isEditable(key) && !key.hasPrefix("new-") }
            _ = try await citizen.browser.post(path + "?lang=en", fields + [("_csrf", try StaffBrowser.csrf(in: page)),
                                                                          ("action", "check"), ("website", "")])
            let check = try await citizen.browser.get(path + "/check?lang=en").body.string
            #expect(check.contains("Still missing: New address"), "\(check)")
            #expect(!check.contains("新住所"), "an English page names the gap in English")
            let japanese = try await citizen.browser.get(path + "/check")
            #expect(japanese.body.string.contains("まだ入力されていない項目があります：新住所"))
            #expect(japanese.body.string.contains("前住所（転入前の住所）"), "the check page names addresses as the catalog does")
            let refused = try await citizen.browser.post(path + "/submit", [("_csrf", try StaffBrowser.csrf(in: page))])
            #expect(refused.status != .seeOther || refused.headers.first(name: .location) != path + "/done", "not submitted")
        }
    }

    @Test func theCounterCannotConfirmAMoveInWithoutItsPreviousAddress() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-in")
            let fields = familyOfFourFields.filter { key, _ in !key.hasPrefix("old-") }
            _ = try await clerk.save(id, people: 4, fields)
            let screen = try await clerk.browser.get("/counter/cases/\(id)").body.string
            #expect(screen.contains("確認の前に必要な項目：前住所（転入前の住所）"), "\(screen)")
            let confirmed = try await clerk.save(id, people: 4, fields, action: "confirm")
            _ = confirmed
            let record = try #require(try await CaseRecord.find(UUID(uuidString: id), on: app.db))
            #expect(record.state == .draft, "not confirmed without the previous address")
            // With it, nothing is missing.
            _ = try await clerk.save(id, people: 4, familyOfFourFields)
            #expect(!(try await clerk.browser.get("/counter/cases/\(id)").body.string.contains(#"id="missing""#)))
        }
    }
}
