import Fluent
import Foundation
@testable import MadoguchiCore
@testable import MadoguchiServer
import SQLKit
import Testing
import Vapor
import VaporTesting

/// `/admin/handoffs`: counts per core system and state, what needs staff, the payload (audited), retry and
/// cancel, the day's reconciliation.
@Suite struct HandoffAdminTests {
    @Test func deadHandOffsAreShownRetriedOrCancelledAndReconciled() async throws {
        try await withMadoguchi { app in
            _ = try await HandoffTests.handedOffMoveIn(app)
            let sql = try #require(app.db as? any SQLDatabase)
            let id = try #require(try await sql.select().column("id").from(Handoffs.table).where("target", .equal, SQLBind("kokuho")).first())
                .decode(column: "id", as: String.self)
            try await app.writeTransaction { db in
                try await (db as! any SQLDatabase).update(Handoffs.table).set("state", to: SQLBind("dead"))
                    .set("last_error", to: SQLBind("attempt 8: refused")).set("attempts", to: SQLBind(8)).where("id", .equal, SQLBind(id)).run()
            }
            var admin = try await AdminBrowser.signedIn(app)
            let overview = try await admin.get("/admin/handoffs")
            #expect(overview.status == .ok)
            let page = overview.body.string
            #expect(page.contains("国民健康保険システム") && page.contains("id=\"handoff-\(id)\"") && page.contains("attempt 8: refused"))

            let detail = try await admin.get("/admin/handoffs/\(id)")
            #expect(detail.status == .ok && detail.body.string.contains("kokuho.kanyu") && detail.body.string.contains("𠮷田"))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "handoff.viewed").count() == 1)

            let retried = try await admin.post("/admin/handoffs/\(id)", [("action", "retry")])
            #expect(retried.status == .seeOther)
            var state = try await sql.select().columns("state", "attempts").from(Handoffs.table).where("id", .equal, SQLBind(id)).first()
            #expect(try state?.decode(column: "state", as: String.self) == "waiting" && state?.decode(column: "attempts", as: Int.self) == 0)
            #expect(try await admin.post("/admin/handoffs/\(id)", [("action", "cancel")]).status == .seeOther)
            state = try await sql.select().column("state").from(Handoffs.table).where("id", .equal, SQLBind(id)).first()
            #expect(try state?.decode(column: "state", as: String.self) == "cancelled")
            #expect(try await admin.post("/admin/handoffs/\(id)", [("action", "retry")]).status == .conflict, "a cancelled hand-off stays cancelled")
            #expect(try await admin.post("/admin/handoffs/\(id)", [("action", "explode")]).status == .badRequest)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action ~~ ["handoff.retried", "handoff.cancelled"]).count() == 2)

            let csv = try await admin.get("/admin/handoffs/reconciliation.csv")
            #expect(csv.status == .ok && csv.headers.contentType?.subType == "csv")
            let lines = csv.body.string.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.first?.hasPrefix("id,seq,target,case_id,procedure,state") == true)
            #expect(lines.contains { $0.hasPrefix(id) && $0.contains(",cancelled,") })
            #expect(lines.contains { $0.contains(",juki,") && ($0.hasSuffix(",not delivered") || $0.hasSuffix(",not acknowledged")) })
            #expect(try await admin.get("/admin/handoffs/reconciliation.csv?date=2026-13-01").status == .badRequest)

            // Not for counter staff.
            var clerk = try await Clerk.signedIn(app)
            #expect(try await clerk.browser.get("/admin/handoffs").status == .forbidden)
        }
    }

    @Test func anAdministratorMakesAndRevokesACoreSystemsTokenAndTurnsAnEndpointOn() async throws {
        try await withMadoguchi { app in
            var admin = try await AdminBrowser.signedIn(app)
            let made = try await admin.post("/admin/handoffs/tokens", [("target", "kokuho"), ("label", "国保システム 本番")])
            #expect(made.status == .ok && made.headers.first(name: .cacheControl) == "no-store")
            let html = made.body.string
            let start = try #require(html.range(of: "<pre id=\"new-token\">")).upperBound
            let token = String(html[start..<(try #require(html[start...].range(of: "</pre>")).lowerBound)])
            #expect(token.count >= 32)
            // The token works for its system, and the overview lists it without ever showing it.
            #expect(try await HandoffTests.get(app, "/api/v1/handoffs?target=kokuho", token: token).status == .ok)
            let overview = try await admin.get("/admin/handoffs").body.string
            #expect(overview.contains("国保システム 本番") && !overview.contains(token))
            #expect(overview.contains("未設定（madoguchi handoff endpoint）"), "the push target has no endpoint yet")
            let audit = try await AuditEntry.query(on: app.db).filter(\.$action == AuditAction.handoffTokenCreated.rawValue).all()
            #expect(audit.count == 1 && audit[0].actor == "kanri")
            #expect(try await admin.post("/admin/handoffs/tokens", [("target", "kokuho"), ("label", "")]).status == .badRequest)
            #expect(try await admin.post("/admin/handoffs/tokens", [("target", "nowhere"), ("label", "x")]).status == .badRequest)

            let id = try #require(try await app.db.sql().select().column("id").from(Handoffs.tokenTable).first()).decode(column: "id", as: String.self)
            #expect(try await admin.post("/admin/handoffs/tokens/\(id)/revoke").status == .seeOther)
            #expect(try await HandoffTests.get(app, "/api/v1/handoffs?target=kokuho", token: token).status == .unauthorized)
            #expect(try await admin.post("/admin/handoffs/tokens/\(id)/revoke").status == .conflict)

            // An endpoint that answered 410 shows off, with the reason, and is turned on from here.
            _ = try await HandoffEndpoints.configure(app, target: "kosodate", url: "http://127.0.0.1:9/hooks", actor: "test")
            try await app.writeTransaction { db in
                try await HandoffEndpoints.disable("kosodate", reason: "answered 410 Gone", actor: "core:kosodate", on: db, now: Date())
            }
            #expect(try await admin.get("/admin/handoffs").body.string.contains("停止中：answered 410 Gone"))
            #expect(try await admin.post("/admin/handoffs/endpoints/kosodate/enable").status == .seeOther)
            #expect(try await admin.get("/admin/handoffs").body.string.contains("送信中 http://127.0.0.1:9/hooks"))
            #expect(try await admin.post("/admin/handoffs/endpoints/juki/enable").status == .notFound)
        }
    }
}
