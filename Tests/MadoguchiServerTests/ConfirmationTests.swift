import Crypto
import Fluent
import Foundation
@testable import MadoguchiServer
import MadoguchiCore
import Testing
import Vapor
import VaporTesting

@Suite struct ConfirmationTests {
    static let strokes = #"[[{"x":0.1,"y":0.5},{"x":0.3,"y":0.2},{"x":0.5,"y":0.7}],[{"x":0.6,"y":0.4},{"x":0.9,"y":0.45}]]"#

    @Test func theCitizenSeesTheDataMaskedAndSignsOnce() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-in")
            var fields = familyOfFourFields
            fields.append(("m0-myNumber", "123456789018"))
            _ = try await clerk.save(id, people: 4, fields)
            let view = try await clerk.browser.get("/counter/cases/\(id)/confirm")
            #expect(view.status == .ok)
            let html = view.body.string
            #expect(html.contains("山田　花子"))
            #expect(html.contains("昭和61年7月14日生"))
            #expect(html.contains("**** **** 9018"))
            #expect(!html.contains("123456789018"))
            #expect(html.contains(#"id="signature-pad""#))
            // MUT
            let signed = try await clerk.browser.post("/counter/cases/\(id)/signature",
                                                      [("strokes", Self.strokes), ("_csrf", try StaffBrowser.csrf(in: view))])
            // validate
            #expect(signed.status == .seeOther)
            let record = try #require(try await CaseRecord.find(UUID(uuidString: id), on: app.db))
            #expect(record.state == .signed)
            #expect(record.signedAt != nil)
            #expect(record.signature?.strokes.count == 2)
            let pdf = try await clerk.browser.get("/counter/cases/\(id)/forms.pdf")
            let digest = SHA256.hash(data: Array(pdf.body.readableBytesView)).map { String(format: "%02x", $0) }.joined()
            #expect(record.signedPDFSHA256 == digest, "the stored hash is the hash of the signed forms")
        }
    }

    @Test(arguments: ["", "not json", "[]", #"[[{"x":0.5,"y":0.5}]]"#, #"[[{"x":1.5,"y":0.5},{"x":0.2,"y":0.2}]]"#])
    func anEmptyOrBrokenSignatureIsRefused(_ strokes: String) async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-in")
            _ = try await clerk.save(id, people: 4, familyOfFourFields)
            let view = try await clerk.browser.get("/counter/cases/\(id)/confirm")
            let response = try await clerk.browser.post("/counter/cases/\(id)/signature", [("strokes", strokes), ("_csrf", try StaffBrowser.csrf(in: view))])
            #expect(response.status == .badRequest)
            #expect(try await CaseRecord.find(UUID(uuidString: id), on: app.db)?.state == .draft)
        }
    }

    @Test func anIncompleteCaseCannotBeSigned() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-in")
            let view = try await clerk.browser.get("/counter/cases/\(id)/confirm")
            #expect(!view.body.string.contains(#"id="signature-pad""#))
            let screen = try await clerk.browser.get("/counter/cases/\(id)")
            let response = try await clerk.browser.post("/counter/cases/\(id)/signature", [("strokes", Self.strokes), ("_csrf", try StaffBrowser.csrf(in: screen))])
            #expect(response.status == .badRequest)
        }
    }
}
