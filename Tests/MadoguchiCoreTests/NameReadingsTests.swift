import Testing
@testable import MadoguchiCore

/// The readings offered for a name read from a card (`name-readings.csv`).
@Suite struct NameReadingsTests {
    @Test func theSampleDictionaryKnowsCommonNames() {
        let readings = SampleCatalog.catalog.nameReadings
        #expect(readings.count > 1_000)
        #expect(readings.suggestions(family: "山田", given: "太郎").map { $0.family + $0.given } == ["ヤマダタロウ"])
        #expect(readings.suggestions(family: "髙橋", given: "健司").first.map { $0.family + $0.given } == "タカハシケンジ")
        #expect(readings.suggestions(family: "山田", given: "𠮷之助").isEmpty)  // unknown given name: nothing to offer
        #expect(readings.suggestions(family: "ジョンソン", given: "太郎").isEmpty)
    }

    @Test func severalReadingsAreOfferedMostLikelyFirst() throws {
        let readings = try NameReadings.read(csv: """
            part,name,readings
            family,山崎,ヤマザキ|ヤマサキ
            given,大翔,ヒロト|ハルト|ヤマト
            """)
        let offered = readings.suggestions(family: "山崎", given: "大翔").map { $0.family + "　" + $0.given }
        #expect(offered == ["ヤマザキ　ヒロト", "ヤマザキ　ハルト", "ヤマサキ　ヒロト", "ヤマザキ　ヤマト"])
        #expect(readings.suggestions(family: "山崎", given: "大翔", limit: 2).count == 2)
    }

    @Test(arguments: [
        ("family,山田,ヤマダ", "header"), ("part,name,readings\nfamily,山田", "three fields"),
        ("part,name,readings\nfamily,山田,やまだ", "katakana"), ("part,name,readings\nfamily,山田,ヤマダ|", "katakana"),
        ("part,name,readings\nsurname,山田,ヤマダ", "family or given"),
        ("part,name,readings\nfamily,山田,ヤマダ\nfamily,山田,ヤマタ", "twice"), ("part,name,readings\ngiven,,タロウ", "empty"),
    ])
    func aWrongLineIsNamed(csv: String, says: String) {
        do {
            _ = try NameReadings.read(csv: csv)
            Issue.record("read without an error")
        } catch {
            #expect(error.file == "name-readings.csv" && error.line != nil)
            #expect(error.message.contains(says), "\(error.message)")
        }
    }
}
