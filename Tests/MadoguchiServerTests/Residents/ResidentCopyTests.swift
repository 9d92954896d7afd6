import Fluent
import Foundation
@testable import MadoguchiCore
@testable import MadoguchiServer
import SQLKit
import Testing
import Vapor

/// The register copy in the database: the sample imported at first start, the same search results as the
/// register in memory, full and incremental imports, names byte-exact, the 個人番号 sealed.
@Suite struct ResidentCopyTests {
    static let header = CSVRecords.line(ResidentColumn.allCases.map(\.rawValue))

    static func directory(_ app: Application) -> SQLResidentDirectory {
        app.residents
    }

    @Test func theSampleIsImportedAtFirstStartAndFindsWhatTheRegisterInMemoryFinds() async throws {
        try await withMadoguchi { app in
            let registry = ResidentRegistry(try #require(app.madoguchi.sampleResidents))
            let copy = Self.directory(app)
            #expect(try await ResidentCopy.count(on: app.db) == registry.residents.count)
            for query in ["たかはし", "高橋", "髙橋", "タカハシ", "ﾀｶﾊｼ", "たか はし", "山崎", "渡辺", "NGUYEN", "nguyen", "ｎｇｕｙｅｎ",
                          "1982-05-14", "昭和57年5月14日", "99001010000", "９９００１０１００００", "中村", "ミ", "%", "_", "\\", "", "存在しない"] {
                let inMemory = try await registry.search(query, limit: 20)
                let inDatabase = try await copy.search(query, limit: 20)
                #expect(inDatabase == inMemory, "query “\(query)”")
            }
            #expect(try await copy.search("タカハシ", limit: 20).count == 4)
            let head = try #require(registry.residents.first)
            #expect(try await copy.resident(code: head.code) == head)
            #expect(try await copy.residents(inHousehold: head.household) == registry.members(ofHousehold: head.household))
            #expect(try await copy.householdSizes([head.household, "100007", "nothing"]) == [head.household: 4, "100007": 1])
            // The 個人番号 comes back opened, and is stored only sealed.
            #expect(head.myNumber != nil)
            let sql = try #require(app.db as? any SQLDatabase)
            let raw = try await sql.select().columns("record", "my_number_sealed").from(ResidentCopy.table).where("code", .equal, SQLBind(head.code)).all()
            let stored = try raw.map { try $0.decode(column: "record", as: String.self) + ($0.decode(column: "my_number_sealed", as: String?.self) ?? "") }
            #expect(!stored.joined().contains(try #require(head.myNumber?.digits)))
        }
    }

    @Test func namesComeBackByteForByte() async throws {
        try await withMadoguchi { app in
            let names = ["𠮷田", "髙橋", "山﨑", "葛\u{E0100}城", "渡邊"]
            var csv = Self.header
            for (index, family) in names.enumerated() {
                let row = ResidentColumn.allCases.map { column -> String in
                    switch column {
                    case .code: String(format: "880000000%02d", index)
                    case .household: "H\(index)"
                    case .relation: "head"
                    case .family: family
                    case .given: "花子"
                    case .sex: "2"
                    case .birthDate: "1990-01-0\(index + 1)"
                    case .postcode: "329-4101"
                    case .prefecture: "栃木県"
                    case .city: "サンプル市"
                    case .town: "本町一丁目"
                    case .banchi: "1番1号"
                    default: ""
                    }
                }
                csv += CSVRecords.line(row)
            }
            let extract = try ResidentExtract.read(csv: csv, file: "names.csv", kind: .full)
            let outcome = try await ResidentCopy.import(extract, writes: app.writePath, vault: app.madoguchi.vault)
            #expect(outcome.stored == 5)
            for (index, family) in names.enumerated() {
                let found = try #require(try await Self.directory(app).resident(code: String(format: "880000000%02d", index)))
                #expect(Array(found.name.family.unicodeScalars) == Array(family.unicodeScalars))
            }
            // A full extract replaced the sample.
            #expect(try await ResidentCopy.count(on: app.db) == 5)
            #expect(try await Self.directory(app).search("吉田", limit: 20).map(\.name.family) == ["𠮷田"])
        }
    }

    @Test func anIncrementalExtractMovesRemovesAndNeverGoesBack() async throws {
        try await withMadoguchi { app in
            let sample = try String(contentsOfFile: catalogDirectory + "/residents.csv", encoding: .utf8)
            let lines = sample.components(separatedBy: "\r\n")
            // 髙橋 健司 moves within the city (転居) on 2026-11-01; 濵田 千代子 dies (死亡) on 2026-11-20.
            // (The sample's last seven columns, from residenceStatus to removedOn, are empty: seven commas.)
            let moved = lines[1].replacingOccurrences(of: "本町二丁目,3番12号,サンプルハイツ203号室", with: "中央一丁目,1番地1,")
            let movedRow = String(moved.dropLast(7)) + ",,,,,2026-11-01,転居,"
            let died = String(lines[21].dropLast(2)) + "2026-11-20,死亡,2026-11-20"
            let changes = Self.header + movedRow + "\r\n" + died + "\r\n"
            let extract = try ResidentExtract.read(csv: changes, file: "changes.csv", kind: .incremental)
            let copy = Self.directory(app)
            let before = try await copy.search("", limit: 1)
            #expect(before.isEmpty)
            let outcome = try await ResidentCopy.import(extract, writes: app.writePath, vault: app.madoguchi.vault)
            #expect(outcome == ResidentCopy.Outcome(stored: 1, removed: 1, skippedAsOlder: 0))
            let kenji = try #require(try await copy.resident(code: "99001010000"))
            #expect(kenji.address.town == "中央一丁目" && kenji.address.katagaki == nil)
            #expect(try await copy.search("ハマダ", limit: 20).isEmpty)
            #expect(try await copy.resident(code: "99007010000") == nil)
            // Still first in register order, with the household.
            #expect(try await copy.residents(inHousehold: "100001").first?.code == "99001010000")

            // The same file again, and an older movement after it, change nothing.
            #expect(try await ResidentCopy.import(extract, writes: app.writePath, vault: app.madoguchi.vault).skippedAsOlder == 0)
            let older = Self.header + String(lines[1].dropLast(7)) + ",,,,,2026-10-01,転居,\r\n"
            let stale = try ResidentExtract.read(csv: older, file: "older.csv", kind: .incremental)
            #expect(try await ResidentCopy.import(stale, writes: app.writePath, vault: app.madoguchi.vault).skippedAsOlder == 1)
            #expect(try await copy.resident(code: "99001010000")?.address.town == "中央一丁目")
        }
    }
}
