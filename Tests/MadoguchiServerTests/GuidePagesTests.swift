@testable import MadoguchiServer
import Testing
import Vapor
import VaporTesting

@Suite struct GuidePagesTests {
    @Test func theGuideOffersEveryLifeEvent() async throws {
        try await withMadoguchi { app in
            let page = try await app.testing().sendRequest(.GET, "/guide").body.string
            for event in app.madoguchi.catalog.events {
                #expect(page.contains(#"href="/guide/\#(event.id)""#))
            }
            let english = try await app.testing().sendRequest(.GET, "/guide?lang=en").body.string
            #expect(english.contains(#"<html lang="en">"#))
            #expect(english.contains("I moved here from another city or from abroad"))
        }
    }

    @Test func theFormHasABlockPerPerson() async throws {
        try await withMadoguchi { app in
            let page = try await app.testing().sendRequest(.GET, "/guide/move-in?people=3").body.string
            #expect(page.contains(#"id="m2-birthDate""#))
            #expect(!page.contains(#"id="m3-birthDate""#))
            #expect(page.contains(#"<select id="m0-relation" name="m0-relation">"#))
            let tooMany = try await app.testing().sendRequest(.GET, "/guide/move-in?people=99")
            #expect(tooMany.status == .badRequest)
        }
    }

    @Test func aSubmittedHouseholdGetsItsProceduresWithWarekiDeadlines() async throws {
        try await withMadoguchi { app in
            let response = try await app.postForm("/guide/move-in", [
                ("people", "2"), ("eventDate", "令和8年4月1日"),
                ("m0-relation", "head"), ("m0-sex", "female"), ("m0-birthDate", "S61.7.14"), ("m0-moving", "on"), ("m0-insurance", "national"),
                ("m1-relation", "child"), ("m1-sex", "male"), ("m1-birthDate", "2016-05-01"), ("m1-moving", "on"), ("m1-insurance", "national"),
                ("dogs", "1"),
            ])
            #expect(response.status == .ok)
            let page = response.body.string
            for code in ["juki.tennyu", "kokuho.kanyu", "jidoteate.nintei", "kodomo-iryo.shinsei", "gakko.tennyugaku", "inu.henko"] {
                #expect(page.contains(#"data-code="\#(code)""#), "\(code)")
            }
            #expect(!page.contains(#"data-code="myna.keizoku""#))
            #expect(page.contains("令和8年4月15日（水）2026-04-15"))
            #expect(page.contains("市民課"))
            // 国保 can be joined on paper too: the blank OCR-ready form of a move-in is offered beside it, and only
            // there; the 児童手当 claim on paper is a birth's form, not offered to a family moving in.
            #expect(page.contains(#"id="paper-kokuho-kanyu-kokuho.kanyu" download="kokuho-kanyu.pdf""#))
            #expect(page.components(separatedBy: "/paper/forms/").count == 2)
            #expect(!page.contains("jidoteate-nintei.pdf"))
        }
    }

    @Test func aWrongDateComesBackWithAnErrorSummaryAndTheAnswersKept() async throws {
        try await withMadoguchi { app in
            let response = try await app.postForm("/guide/move-in", [
                ("people", "1"), ("eventDate", "2026-04-01"),
                ("m0-relation", "head"), ("m0-sex", "female"), ("m0-birthDate", "令和9年13月1日"), ("m0-moving", "on"),
            ])
            #expect(response.status == .badRequest)
            let page = response.body.string
            #expect(page.contains(#"class="error-summary""#))
            #expect(page.contains(##"href="#m0-birthDate""##))
            #expect(page.contains("1人目の生年月日"))
            #expect(page.contains(#"value="令和9年13月1日""#))
        }
    }

    @Test func everyMissingAnswerIsListedAtOnce() async throws {
        try await withMadoguchi { app in
            let response = try await app.postForm("/guide/move-in", [
                ("people", "2"), ("eventDate", ""), ("m0-relation", "head"), ("m0-birthDate", "1990-01-01"),
                ("m1-relation", "child"), ("m1-sex", "male"), ("m1-birthDate", "2020-02-30"),
            ])
            #expect(response.status == .badRequest)
            let page = response.body.string
            for field in ["eventDate", "m0-sex", "m1-birthDate"] {
                #expect(page.contains(##"href="#\##(field)""##), "\(field)")
            }
            #expect(!page.contains(##"href="#m0-birthDate""##))
        }
    }

    @Test func whatACitizenTypesIsNeverMarkup() async throws {
        try await withMadoguchi { app in
            let response = try await app.postForm("/guide/move-in", [
                ("people", "1"), ("eventDate", "<script>alert(1)</script>"), ("m0-relation", "head"), ("m0-sex", "female"),
            ])
            #expect(response.status == .badRequest)
            #expect(!response.body.string.contains("<script>alert(1)</script>"))
            #expect(response.body.string.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
    }
}
