import Fluent
import Foundation
@testable import MadoguchiServer
import MadoguchiCore
import Testing
import Vapor
import VaporTesting

@Suite struct PersonalDataTests {
    /// The raw 個人番号 is in no byte of the database files (SQLite file, WAL and shared memory) and in no
    /// log line at any level, after it was typed, saved, shown, printed and signed.
    @Test func theRawMyNumberIsNeitherInTheDatabaseFilesNorInTheLogs() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("madoguchi-pd-\(UUID().uuidString)")
        let file = folder.appendingPathComponent("madoguchi.sqlite").path
        let raw = "987654321093"
        #expect(MyNumber(raw) != nil, "a valid number, so it is really stored")
        try await withMadoguchi(database: .sqliteFile(file), dataDirectory: folder.path) { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-in")
            var fields = familyOfFourFields
            fields.append(("m0-myNumber", "9876 5432 1093"))
            #expect(try await clerk.save(id, people: 4, fields).status == .seeOther)
            _ = try await clerk.browser.get("/counter/cases/\(id)")
            _ = try await clerk.browser.get("/counter/cases/\(id)/confirm")
            let pdf = try await clerk.browser.get("/counter/cases/\(id)/forms.pdf")
            #expect(pdf.status == .ok)
            #expect(try await CaseMemberRecord.query(on: app.db).filter(\.$myNumberLast4 == "1093").count() == 1)
        }
        var found: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasPrefix("madoguchi.sqlite") {
            let bytes = try Data(contentsOf: folder.appendingPathComponent(name))
            if bytes.range(of: Data(raw.utf8)) != nil { found.append(name) }
        }
        #expect(found.isEmpty, "the raw number is in \(found)")
        #expect(FileManager.default.fileExists(atPath: file))
        #expect(!TestLogs.shared.text.contains(raw))
        #expect(TestLogs.shared.text.contains("case_members"), "the SQL with its bound values was logged and searched too")
    }

    @Test func theKeyFileIsCreatedForTheOwnerOnlyAndReused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("madoguchi-key-\(UUID().uuidString)").path
        let first = try PersonalDataVault.load(dataDirectory: folder, key: nil)
        let path = folder + "/keys/personal-data.key"
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let sealed = try first.seal("123456789018", purpose: "test")
        let second = try PersonalDataVault.load(dataDirectory: folder, key: nil)
        #expect(try second.open(sealed, purpose: "test") == "123456789018")
        #expect(throws: (any Error).self) { try second.open(sealed, purpose: "another column") }
    }

    @Test func theKeyMayComeFromTheEnvironment() throws {
        let key = Data((0..<32).map { UInt8($0) }).base64EncodedString()
        let vault = try PersonalDataVault.load(dataDirectory: "/nonexistent", key: key)
        let again = try PersonalDataVault.load(dataDirectory: "/nonexistent", key: key)
        #expect(try again.open(try vault.seal("x", purpose: "p"), purpose: "p") == "x")
        #expect(throws: PersonalDataVault.VaultError.self) {
            try PersonalDataVault.load(dataDirectory: "/nonexistent", key: "c2hvcnQ=")
        }
    }

    @Test func aMyNumberPrintsMaskedWhereverItIsInterpolated() throws {
        let number = try #require(MyNumber("123456789018"))
        #expect("\(number)" == "**** **** 9018")
        #expect(String(reflecting: number) == "**** **** 9018")
    }
}
