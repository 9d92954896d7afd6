import Fluent
import Foundation
@testable import MadoguchiCore
@testable import MadoguchiServer
import SQLKit
import Testing
import Vapor
import VaporTesting

/// A move-in handed to the registry shows in the counter's search as pending, is confirmed with the 住民票コード
/// the registry answered (which also goes onto the Case's people), and is gone once an extract brings it in.
@Suite struct ResidentChangesTests {
    static func states(_ app: Application) async throws -> [(String, String, String?)] {
        try await app.db.sql().select().columns("family_name", "state", "resident_code").from(ResidentChanges.table)
            .orderBy("person_number").all()
            .map { (try $0.decode(column: "family_name", as: String.self), try $0.decode(column: "state", as: String.self),
                    try $0.decode(column: "resident_code", as: String?.self)) }
    }

    @Test func aMoveInIsPendingUntilTheRegistryConfirmsItAndAnExtractBringsItIn() async throws {
        try await withMadoguchi { app in
            let stored = try await HandoffTests.handedOffMoveIn(app)
            #expect(try await Self.states(app).map(\.0) == ["山田", "𠮷田"], "one row per person, names byte-exact")
            #expect(try await Self.states(app).allSatisfy { $0.1 == "pending" })

            // At the counter, a search finds them though the copy does not hold them yet.
            var clerk = try await Clerk.signedIn(app)
            let caseID = try await clerk.start("move-in")
            let page = try await clerk.browser.get("/counter/cases/\(caseID)?q=%E3%83%A4%E3%83%9E%E3%83%80")  // ヤマダ
            #expect(page.status == .ok)
            #expect(page.body.string.contains("id=\"pending-changes\"") && page.body.string.contains("住基の確認待ち"))
            #expect(page.body.string.contains(stored.reference))
            #expect(try await ResidentChanges.matching("𠮷田", on: app.db).map(\.givenName) == ["花子"])
            #expect(try await ResidentChanges.matching("1985-04-01", on: app.db).map(\.familyName) == ["山田"])
            #expect(try await ResidentChanges.matching("スズキ", on: app.db).isEmpty)

            // The registry reads the file and answers each person's new 住民票コード.
            _ = try await HandoffDelivery.run(app)
            let token = try await HandoffAdministration.createToken(app, target: "juki", label: "registry")
            let id = try #require(try await HandoffTests.rows(app).first { try $0.decode(column: "target", as: String.self) == "juki" })
                .decode(column: "id", as: String.self)
            let bad = try await HandoffTests.ack(app, id, token: token, json: #"{"people":[{"number":0,"residentCode":"1"}]}"#)
            #expect(bad.status == .badRequest)
            #expect(try await HandoffTests.ack(app, id, token: token, json: "not json").status == .badRequest)
            let acked = try await HandoffTests.ack(app, id, token: token, json: """
                {"people":[{"number":1,"residentCode":"70000009901"},{"number":2,"residentCode":"70000009902"}]}
                """)
            #expect(acked.status == .ok)
            #expect(try await Self.states(app).map(\.1) == ["confirmed", "confirmed"])
            #expect(try await Self.states(app).map(\.2) == ["70000009901", "70000009902"])
            let members = try await CaseMemberRecord.query(on: app.db).filter(\.$caseRecord.$id == stored.id).sort(\.$position).all()
            #expect(members.map(\.residentCode) == ["70000009901", "70000009902"], "the Case shows what the registry assigned")
            let procedure = try #require(try await CaseProcedureRecord.query(on: app.db).filter(\.$caseRecord.$id == stored.id)
                .filter(\.$code == "juki.tennyu").first())
            #expect(procedure.status == .done && procedure.updatedBy == "core:juki")
            let timeline = try await CaseTimelineEntry.query(on: app.db).filter(\.$caseRecord.$id == stored.id).all().map(\.what)
            #expect(timeline.contains { $0.contains("1人目 70000009901、2人目 70000009902") })
            let confirmed = try await clerk.browser.get("/counter/cases/\(caseID)?q=70000009901")
            #expect(confirmed.body.string.contains("住基で確定 70000009901"))

            // Tonight's extract holds 山田 太郎: his change is shown by the copy now; 花子's stays until hers comes.
            let header = ResidentColumn.allCases.map(\.rawValue).joined(separator: ",")
            let fields: [ResidentColumn: String] = [
                .code: "70000009901", .household: "700001", .relation: "head", .family: "山田", .given: "太郎", .furigana: "ヤマダ　タロウ",
                .sex: "male", .birthDate: "1985-04-01", .nationality: "JP", .postcode: "321-4395", .prefecture: "栃木県", .city: "サンプル市", .town: "荒町",
                .banchi: "1番地", .changedOn: "2026-11-20",
            ]
            let line = ResidentColumn.allCases.map { fields[$0] ?? "" }.joined(separator: ",")
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("extract-\(UUID()).csv")
            try Data((header + "\n" + line + "\n").utf8).write(to: file)
            let message = try await ResidentAdministration.import(app, file: file.path, incremental: true)
            #expect(message.contains("1"), "\(message)")
            #expect(try await Self.states(app).map(\.0) == ["𠮷田"])
        }
    }
}
