import Foundation
import MadoguchiCore
@testable import MadoguchiServer
import Testing
import VaporTesting

/// What the forms ask beyond the household (本籍・筆頭者 on the 住民異動届), typed at the counter and printed.
@Suite struct CaseDetailsTests {
    static let honseki = "d|juki.tennyu|本籍", hittosha = "d|juki.tennyu|筆頭者"

    @Test func detailsTypedAtTheCounterArePrintedOnTheirForm() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-in")
            _ = try await clerk.save(id, people: 4, familyOfFourFields)
            let page = try await clerk.browser.get("/counter/cases/\(id)")
            let html = page.body.string
            #expect(html.contains(#"id="details""#))
            #expect(html.contains(#"name="d|juki.tennyu|本籍""#), "the 住民異動届 asks for the 本籍")
            #expect(html.contains(#"name="d|inu.henko|登録番号""#), "the dog's registration number")
            let before = try #require(try await CaseRecord.find(UUID(uuidString: id), on: app.db)).staffInputs
            // MUT
            let saved = try await clerk.browser.post("/counter/cases/\(id)/details", [
                (Self.honseki, "栃木県サンプル市中央一丁目5番地"), (Self.hittosha, "山田\u{3000}花子"),
                ("d|juki.tennyu|知らない項目", "無視される"), ("staffInputs", "3"), ("_csrf", try StaffBrowser.csrf(in: page))])
            // validate
            #expect(saved.status == .seeOther)
            let kept = try await CaseDetail.query(on: app.db).all()
            #expect(Set(kept.map(\.label)) == ["本籍", "筆頭者"])
            let record = try #require(try await CaseRecord.find(UUID(uuidString: id), on: app.db))
            #expect(record.staffInputs == before + 3)
            let again = try await clerk.browser.get("/counter/cases/\(id)").body.string
            #expect(again.contains(#"value="栃木県サンプル市中央一丁目5番地""#), "kept and shown again")
            #expect(again.contains("届書の記載事項を保存（2件）"))
            if let text = try pdfText(Array(try await clerk.browser.get("/counter/cases/\(id)/forms.pdf").body.readableBytesView)) {
                let juki = try #require(text.components(separatedBy: "\u{0C}").first { $0.contains("住民異動届") })
                let squeezed = juki.filter { !$0.isWhitespace }
                #expect(squeezed.contains("栃木県サンプル市中央一丁目5番地") && squeezed.contains("山田花子"), "\(juki)")
                #expect(squeezed.contains("■転入") || juki.contains("■"), "異動事由 ticked")
            }
        }
    }

    @Test func aTooLongDetailIsRefusedAndNothingIsSaved() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-in")
            _ = try await clerk.save(id, people: 4, familyOfFourFields)
            let page = try await clerk.browser.get("/counter/cases/\(id)")
            let response = try await clerk.browser.post("/counter/cases/\(id)/details", [
                (Self.hittosha, "山田"), (Self.honseki, String(repeating: "長", count: 201)), ("_csrf", try StaffBrowser.csrf(in: page))])
            #expect(response.status == .badRequest)
            #expect(response.body.string.contains("200文字まで"))
            #expect(try await CaseDetail.query(on: app.db).count() == 0)
        }
    }

    @Test func aConfirmedCaseKeepsItsDetails() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-in")
            _ = try await clerk.save(id, people: 4, familyOfFourFields)
            let page = try await clerk.browser.get("/counter/cases/\(id)")
            _ = try await clerk.browser.post("/counter/cases/\(id)/transition", [("event", "confirm"), ("_csrf", try StaffBrowser.csrf(in: page))])
            let confirmed = try await clerk.browser.get("/counter/cases/\(id)")
            let response = try await clerk.browser.post("/counter/cases/\(id)/details", [
                (Self.honseki, "東京都"), ("_csrf", try StaffBrowser.csrf(in: confirmed))])
            #expect(response.status == .conflict)
            #expect(try await CaseDetail.query(on: app.db).count() == 0)
        }
    }
}
