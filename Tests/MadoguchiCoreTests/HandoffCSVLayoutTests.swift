import Foundation
@testable import MadoguchiCore
import Testing

/// Hand-off files: byte-exact names in UTF-8, CP932 as Windows writes it, and a clear refusal instead of `?`.
@Suite struct HandoffCSVLayoutTests {
    static func payload(_ family: String, given: String = "花子", id: String = "6f1c0a2e-0000-4000-8000-000000000001") throws -> HandoffPayload {
        let json = """
            {"version":1,"id":"\(id)","target":"juki","procedure":"juki.tennyu","caseReference":"K7QM-3TXA","eventKind":"move-in",
             "movement":"国内転入","eventDate":"2026-11-20","notificationDate":"2026-11-25",
             "addresses":{"new":{"postcode":"3294101","prefecture":"栃木県","city":"サンプル市","town":"中央一丁目","banchi":"1番地1"}},
             "people":[{"number":1,"familyName":"\(family)","givenName":"\(given)","familyKana":"ヨシダ","givenKana":"ハナコ",
                        "birthDate":"1987-02-03","sex":2,"relation":"head","nationality":"JP"}]}
            """
        return try JSONDecoder().decode(HandoffPayload.self, from: Data(json.utf8))
    }

    static let columns = [
        HandoffCSVLayout.Column(header: "異動事由", value: .movement), HandoffCSVLayout.Column(header: "異動日", value: .eventDate),
        HandoffCSVLayout.Column(header: "氏", value: .familyName), HandoffCSVLayout.Column(header: "名", value: .givenName),
        HandoffCSVLayout.Column(header: "住所", value: .newAddress), HandoffCSVLayout.Column(header: "連携ID", value: .handoffID),
    ]

    @Test func utf8KeepsEveryNameByteForByte() throws {
        let layout = HandoffCSVLayout(columns: Self.columns, encoding: .utf8)
        let names = ["𠮷田", "髙橋", "山﨑", "葛\u{E0100}城"]
        let data = try layout.file(try names.map { try Self.payload($0) })
        let expected = "異動事由,異動日,氏,名,住所,連携ID\r\n" + names.map {
            "国内転入,2026-11-20,\($0),花子,栃木県サンプル市中央一丁目1番地1,6f1c0a2e-0000-4000-8000-000000000001\r\n"
        }.joined()
        #expect(data == Data(expected.utf8))
        #expect(Array(String(decoding: data, as: UTF8.self).unicodeScalars).contains(Unicode.Scalar(0xE0100)!))
    }

    @Test func cp932WritesAsWindowsDoesAndRefusesWhatItCannotHold() throws {
        let layout = HandoffCSVLayout(columns: Self.columns, encoding: .cp932)
        let data = try layout.file([try Self.payload("髙橋", given: "①子")])
        #expect(data.range(of: Data([0xFB, 0xFC, 0x8B, 0xB4])) != nil, "髙橋 in CP932 (IBM extension)")
        #expect(data.range(of: Data([0x87, 0x40])) != nil, "① (NEC special character)")
        #expect(!data.contains(UInt8(ascii: "?")))
        #expect(throws: HandoffCSVLayout.Unrepresentable(handoffID: "6f1c0a2e-0000-4000-8000-000000000001", column: "氏", character: "𠮷")) {
            try layout.file([try Self.payload("𠮷田")])
        }
        let variant = try Self.payload("葛\u{E0100}城")
        do {
            _ = try layout.file([variant])
            Issue.record("a variation sequence was written in CP932")
        } catch {
            #expect(error.description.contains("U+E0100") || error.description.contains("U+845B U+E0100"), "\(error)")
        }
    }

    @Test func theSampleTargetsLoadFromTheCatalog() throws {
        let catalog = try CatalogLoader.load(directory: SampleCatalog.directory)
        let juki = try #require(catalog.handoffTarget("juki"))
        #expect(juki.procedures.contains("juki.tennyu"))
        #expect(catalog.handoffTargets(for: "juki.tenkyo").map(\.id).contains("juki"))
    }
}
