import Fluent
import Foundation
@testable import MadoguchiCore
@testable import MadoguchiServer
import SQLKit
import Testing
import Vapor
import VaporTesting

/// The hand-off outbox and the pull API of core systems: written with the hand-off, fetched until acknowledged,
/// acknowledged once, the procedure marked done by the system.
@Suite struct HandoffTests {
    /// A couple moving in, confirmed, signed on paper and handed off through the Case service on SQL.
    static func handedOffMoveIn(_ app: Application, headResidentCode: String? = nil) async throws -> StoredCase {
        var store = SQLCaseStore(db: app.db, writes: app.writePath, vault: app.madoguchi.vault)
        store.handoffTargets = app.madoguchi.catalog.handoffTargets
        let desk = CaseDesk(store: store, catalog: app.madoguchi.catalog, engine: app.madoguchi.engine, actor: CaseActor("counter1"),
                            today: { CaseDeskTests.today })
        let opened = try await desk.open("move-in")
        var input = CaseDeskTests.couple()
        input.people[0].myNumber = "123456789018"
        if let headResidentCode { input.people[0].residentCode = headResidentCode }
        _ = try await desk.save(input, to: opened.id).get()
        try await desk.move(opened.id, .confirm)
        try await desk.move(opened.id, .signOnPaper)
        try await desk.move(opened.id, .handOff)
        return try #require(try await store.find(opened.id))
    }

    static func rows(_ app: Application) async throws -> [SQLRow] {
        try await (app.db as! any SQLDatabase).select().columns("*").from(Handoffs.table).orderBy("seq").all()
    }

    static func get(_ app: Application, _ path: String, token: String?) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        return try await app.testing().sendRequest(.GET, path, headers: headers)
    }

    static func ack(_ app: Application, _ id: String, token: String, json: String = "{}") async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: token)
        headers.contentType = .json
        return try await app.testing().sendRequest(.POST, "/api/v1/handoffs/\(id)/ack", headers: headers, body: ByteBuffer(string: json))
    }

    @Test func aHandOffWritesWhatTheRegistryNeedsOnceWithoutTheNumber() async throws {
        try await withMadoguchi { app in
            let stored = try await Self.handedOffMoveIn(app)
            let rows = try await Self.rows(app)
            // The move-in's 転入届 goes to the registry, the head's 国保 加入 to the insurance system: one row each.
            #expect(try rows.map { try $0.decode(column: "target", as: String.self) }.sorted() == ["juki", "kokuho"])
            let row = try #require(try rows.first { try $0.decode(column: "target", as: String.self) == "juki" })
            #expect(try row.decode(column: "target", as: String.self) == "juki")
            #expect(try row.decode(column: "procedure_code", as: String.self) == "juki.tennyu")
            #expect(try row.decode(column: "state", as: String.self) == "waiting")
            let json = try row.decode(column: "payload", as: String.self)
            #expect(!json.contains("123456789018"), "the 個人番号 is never handed off")
            let payload = try JSONDecoder().decode(HandoffPayload.self, from: Data(json.utf8))
            #expect(payload.version == 1 && payload.caseReference == stored.reference && payload.movement == "国内転入")
            #expect(payload.eventDate == "2026-11-20" && payload.addresses["old"]?.city == "新宿区" && payload.addresses["new"]?.town == "中央一丁目")
            #expect(payload.people.map(\.relation) == ["head", "spouse"] && payload.people.map(\.sex) == [1, 2])
            #expect(Array(payload.people[1].familyName.unicodeScalars) == Array("𠮷田".unicodeScalars), "byte-exact")
            #expect(payload.id == (try row.decode(column: "id", as: String.self)))
        }
    }

    @Test func aCoreSystemFetchesUntilItAcknowledgesAndTheProcedureIsDoneBySystem() async throws {
        try await withMadoguchi { app in
            let stored = try await Self.handedOffMoveIn(app)
            let token = try await HandoffAdministration.createToken(app, target: "kokuho", label: "test")

            #expect(try await Self.get(app, "/api/v1/handoffs?target=kokuho", token: nil).status == .unauthorized)
            #expect(try await Self.get(app, "/api/v1/handoffs?target=kokuho", token: "wrong").status == .unauthorized)
            #expect(try await Self.get(app, "/api/v1/handoffs?target=juki", token: token).status == .forbidden)
            let fileToken = try await HandoffAdministration.createToken(app, target: "juki", label: "test")
            #expect(try await Self.get(app, "/api/v1/handoffs?target=juki", token: fileToken).status == .badRequest)
            await #expect(throws: StartupError.self) { try await HandoffAdministration.createToken(app, target: "nothing", label: "x") }

            // Fetched twice (a core system that crashed before acknowledging gets it again), then acknowledged.
            for attempt in 1...2 {
                let listed = try await Self.get(app, "/api/v1/handoffs?target=kokuho&after=0", token: token)
                #expect(listed.status == .ok)
                let page = try listed.content.decode(HandoffAPIController.Listed.self)
                #expect(page.handoffs.count == 1 && page.handoffs[0].attempts == attempt && page.handoffs[0].payload.procedure == "kokuho.kanyu")
                #expect(page.next == page.handoffs[0].seq)
                let empty = try await Self.get(app, "/api/v1/handoffs?target=kokuho&after=\(page.next)", token: token)
                #expect(try empty.content.decode(HandoffAPIController.Listed.self).handoffs.isEmpty)
            }
            let id = try #require(try await Self.rows(app).first { try $0.decode(column: "target", as: String.self) == "kokuho" })
                .decode(column: "id", as: String.self)
            #expect(try await Self.ack(app, id, token: token, json: #"{"residentCode":"12345678901\n"}"#).status == .badRequest)
            let acked = try await Self.ack(app, id, token: token, json: #"{"residentCode":"99123450001"}"#)
            #expect(acked.status == .ok)
            #expect(try acked.content.decode(HandoffAPIController.Acknowledged.self).procedureDone)
            // Again: the same answer, nothing applied twice.
            #expect(try await Self.ack(app, id, token: token).status == .ok)
            #expect(try await Self.ack(app, UUID().uuidString, token: token).status == .notFound)

            let procedure = try #require(try await CaseProcedureRecord.query(on: app.db).filter(\.$caseRecord.$id == stored.id)
                .filter(\.$code == "kokuho.kanyu").first())
            #expect(procedure.status == .done && procedure.updatedBy == "core:kokuho")
            let timeline = try await CaseTimelineEntry.query(on: app.db).filter(\.$caseRecord.$id == stored.id).all().map(\.what)
            #expect(timeline.filter { $0.contains("国民健康保険システムが受領（住民票コード 99123450001）") }.count == 1)
            let listed = try await Self.get(app, "/api/v1/handoffs?target=kokuho", token: token)
            #expect(try listed.content.decode(HandoffAPIController.Listed.self).handoffs.isEmpty)
            // A revoked token is refused at once; the list never shows a token.
            let tokens = try await HandoffAdministration.listTokens(app)
            #expect(tokens.count == 2 && !tokens.joined().contains(token))
            let tokenID = try #require(tokens.first { $0.contains("kokuho") }?.split(separator: " ").first).description
            #expect(try await HandoffAdministration.revokeToken(app, id: tokenID).hasPrefix("Revoked"))
            #expect(try await Self.get(app, "/api/v1/handoffs?target=kokuho", token: token).status == .unauthorized)
            await #expect(throws: StartupError.self) { try await HandoffAdministration.revokeToken(app, id: tokenID) }
            let row = try #require(try await Self.rows(app).first { try $0.decode(column: "id", as: String.self) == id })
            #expect(try row.decode(column: "state", as: String.self) == "acknowledged")
            #expect(try row.decode(column: "result", as: String?.self)?.contains("99123450001") == true)
        }
    }

    @Test func aPageIsAcknowledgedInOneCallEachOnItsOwn() async throws {
        try await withMadoguchi { app in
            let stored = try await Self.handedOffMoveIn(app)
            let ids = try await HandoffSeed.insert(app, target: "kokuho", procedure: "kokuho.kanyu", count: 3, households: 3)
            let token = try await HandoffAdministration.createToken(app, target: "kokuho", label: "core")
            let juki = try await HandoffAdministration.createToken(app, target: "juki", label: "registry")
            let kokuhoOfCase = try #require(try await Self.rows(app).first {
                try $0.decode(column: "target", as: String.self) == "kokuho" && $0.decode(column: "case_id", as: String.self) == stored.id.uuidString
            }).decode(column: "id", as: String.self)
            let jukiID = try #require(try await Self.rows(app).first { try $0.decode(column: "target", as: String.self) == "juki" })
                .decode(column: "id", as: String.self)
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: token)
            headers.contentType = .json
            let body = """
                {"acknowledgements": [{"id": "\(kokuhoOfCase)", "recordNumber": "K-1"}, {"id": "\(ids[0])"}, {"id": "\(ids[1])"},
                 {"id": "\(jukiID)"}, {"id": "not-an-id"}, {"id": "\(ids[2])", "residentCode": ""}, {"id": "\(ids[0])"}]}
                """
            let answer = try await app.testing().sendRequest(.POST, "/api/v1/handoffs/ack", headers: headers, body: ByteBuffer(string: body))
            #expect(answer.status == .ok)
            let results = try answer.content.decode(HandoffAPIController.ManyAcknowledged.self).results
            #expect(results.map(\.state) == ["acknowledged", "acknowledged", "acknowledged", nil, nil, nil, "acknowledged"])
            #expect(results[0].procedureDone == true, "the Case's 国保 procedure is done by the system")
            #expect(results[3].error?.contains("not for target") == true && results[4].error != nil && results[5].error?.contains("residentCode") == true)
            let procedure = try #require(try await CaseProcedureRecord.query(on: app.db).filter(\.$caseRecord.$id == stored.id)
                .filter(\.$code == "kokuho.kanyu").first())
            #expect(procedure.status == .done)
            // The registry's hand-off is untouched by another system's token; nothing at all without one.
            #expect(try await Self.rows(app).first { try $0.decode(column: "id", as: String.self) == jukiID }?.decode(column: "state", as: String.self) == "waiting")
            headers.bearerAuthorization = BearerAuthorization(token: juki + "x")
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/handoffs/ack", headers: headers, body: ByteBuffer(string: body)).status == .unauthorized)
            headers.bearerAuthorization = BearerAuthorization(token: token)
            for bad in ["[]", #"{"acknowledgements": []}"#, "nonsense"] {
                #expect(try await app.testing().sendRequest(.POST, "/api/v1/handoffs/ack", headers: headers, body: ByteBuffer(string: bad)).status == .badRequest, "\(bad)")
            }
        }
    }
}
