import Fluent
import Foundation
@testable import MadoguchiServer
import MadoguchiCore
import Testing
import Vapor
import VaporTesting

/// Attaching a file keeps what was typed; attachments reach the check page, the done page, the counter and
/// the sections, and staff downloads are audited.
@Suite struct AttachmentTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]

    /// Half-typed, then a file attached: the page comes back with every typed value, no error messages yet.
    @Test func attachingKeepsWhatWasTyped() async throws {
        try await withMadoguchi { app in
            var citizen = Citizen(app)
            let path = try await citizen.startFamilyOfFour()
            let page = try await citizen.browser.get(path)
            #expect(page.body.string.contains(#"enctype="multipart/form-data""#))
            let typed = [("m0-family", "山田"), ("m0-given", "花子"), ("new-town", "中央一丁目")]
            let attached = try await citizen.browser.postMultipart(path, typed + [("_csrf", try StaffBrowser.csrf(in: page)), ("website", ""), ("action", "attach")],
                                                                   file: ("zaigaku.png", "image/png", Self.png))
            #expect(attached.status == .ok)
            let html = attached.body.string
            #expect(html.contains(#"value="山田""#) && html.contains(#"value="花子""#) && html.contains(#"value="中央一丁目""#))
            #expect(html.contains("zaigaku.png"))
            #expect(!html.contains("error-summary"), "attaching is not checking")
            // A refused file keeps the typing too, and says why.
            let refused = try await citizen.browser.postMultipart(path, typed + [("_csrf", try StaffBrowser.csrf(in: page)), ("website", ""), ("action", "attach")],
                                                                  file: ("evil.jpg", "image/jpeg", Array("<script>".utf8)))
            #expect(refused.status == .badRequest)
            #expect(refused.body.string.contains(#"value="花子""#) && refused.body.string.contains("JPEG・PNG"))
        }
    }

    /// The citizen sees and removes attachments before submitting; after it, the counter and the section
    /// see them and download them (audited); another section cannot.
    @Test func attachmentsReachTheCounterAndTheSection() async throws {
        try await withMadoguchi { app in
            var citizen = Citizen(app)
            let path = try await citizen.startFamilyOfFour()
            var page = try await citizen.browser.get(path)
            let fields = familyOfFourFields.filter { key, _ in ApplyController.isEditable(key) }
            for name in ["zaigaku.png", "extra.png"] {
                _ = try await citizen.browser.postMultipart(path, fields + [("_csrf", try StaffBrowser.csrf(in: page)), ("website", ""), ("action", "attach")],
                                                            file: (name, "image/png", Self.png))
                page = try await citizen.browser.get(path)
            }
            let extra = try #require(try await CaseAttachment.query(on: app.db).filter(\.$fileName == "extra.png").first())
            let removed = try await citizen.browser.postMultipart(path, fields + [("_csrf", try StaffBrowser.csrf(in: page)), ("website", ""),
                                                                                   ("action", "remove-attachment-\(try extra.requireID().uuidString)")])
            #expect(removed.status == .ok)
            #expect(!removed.body.string.contains("extra.png") && removed.body.string.contains("zaigaku.png"))
            #expect(try await citizen.fillIn(path).status == .seeOther)
            let check = try await citizen.browser.get(path + "/check").body.string
            #expect(check.contains("zaigaku.png") && !check.contains("extra.png"))
            _ = try await citizen.submit(path)
            #expect(try await citizen.browser.get(path + "/done").body.string.contains("zaigaku.png"))
            let record = try #require(try await CaseRecord.query(on: app.db).filter(\.$channel == "online").first())
            let caseID = try record.requireID()
            let attachment = try #require(try await CaseAttachment.query(on: app.db).first())
            let link = "/counter/cases/\(caseID.uuidString)/attachments/\(try attachment.requireID().uuidString)"

            var clerk = try await Clerk.signedIn(app)
            #expect(try await clerk.browser.get("/counter/cases/\(caseID.uuidString)").body.string.contains(link))
            let download = try await clerk.browser.get(link)
            #expect(download.status == .ok)
            #expect(download.headers.contentType == .png)
            #expect(Array(download.body.readableBytesView) == Self.png)
            #expect(download.headers.first(name: .cacheControl) == "no-store")
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "attachment.viewed").count() == 1)

            // 児童手当 is 子ども家庭課's and was handed over online: its work list shows the file.
            var kodomo = try await SectionTests.signIn(app, "KODOMO")
            let list = try await kodomo.get("/sections/KODOMO").body.string
            let sectionLink = "/sections/KODOMO/attachments/\(try attachment.requireID().uuidString)"
            #expect(list.contains(sectionLink))
            #expect(try await kodomo.get(sectionLink).status == .ok)
            var kankyo = try await SectionTests.signIn(app, "SHOGAI")
            #expect(try await kankyo.get("/sections/SHOGAI/attachments/\(try attachment.requireID().uuidString)").status == .notFound,
                    "a section with no procedure in the Case does not get its files")
        }
    }
}

@Suite struct ExpiredPageTests {
    /// A citizen's page whose token expired comes back with everything typed and a fresh token.
    @Test func anExpiredApplyPageKeepsTheTyping() async throws {
        try await withMadoguchi { app in
            var citizen = Citizen(app)
            let path = try await citizen.startFamilyOfFour()
            _ = try await citizen.browser.get(path)
            citizen.browser.cookies[CitizenForms.cookie] = nil  // the cookie is gone (a day later, or cleared)
            let fields = familyOfFourFields.filter { key, _ in ApplyController.isEditable(key) }
            let expired = try await citizen.browser.post(path, fields + [("_csrf", "from-yesterday"), ("action", "check"), ("website", "")])
            #expect(expired.status == .badRequest)
            let html = expired.body.string
            #expect(html.contains(#"value="花子""#) && html.contains("有効期限が切れていたため"))
            #expect(try await CaseMemberRecord.query(on: app.db).filter(\.$givenName == "花子").count() == 0, "nothing saved from a forged or stale page")
            let again = try await citizen.browser.post(path, fields + [("_csrf", try StaffBrowser.csrf(in: expired)), ("action", "check"), ("website", "")])
            #expect(again.headers.first(name: .location) == path + "/check")
        }
    }
}
