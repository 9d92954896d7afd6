import Foundation
import Testing
@testable import MadoguchiCore

/// The sample register shipped as `Catalog/residents.yaml`, found from this file like `SampleCatalog` finds the catalog.
enum SampleResidents {
    static let path = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Catalog").appendingPathComponent("residents.yaml").path

    static func text() throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    static let registry: ResidentRegistry = {
        do {
            return try ResidentRegistry.load(yaml: try text(), file: "residents.yaml")
        } catch {
            fatalError("The sample residents do not load: \(error)")
        }
    }()

    /// The load error of the sample with `old` (which must occur exactly once) replaced by `new`,
    /// and the line `old` stood on.
    static func error(replacing old: String, with new: String,
                      sourceLocation: SourceLocation = #_sourceLocation) throws -> (error: CatalogError, line: Int)? {
        let text = try text()
        let parts = text.components(separatedBy: old)
        try #require(parts.count == 2, "“\(old)” is not in residents.yaml exactly once", sourceLocation: sourceLocation)
        let line = parts[0].filter { $0 == "\n" }.count + 1
        do {
            _ = try ResidentRegistry.load(yaml: parts.joined(separator: new), file: "residents.yaml")
            Issue.record("the broken copy loaded", sourceLocation: sourceLocation)
            return nil
        } catch {
            return (error, line)
        }
    }
}

@Suite struct ResidentRegistryTests {
    let registry = SampleResidents.registry

    @Test func theSampleLoads() {
        #expect(registry.prefecture == .tochigi)
        #expect(registry.city == "サンプル市")
        #expect(registry.households.count == 8)
        #expect(registry.residents.count == 24)
        for household in registry.households {
            let members = registry.members(ofHousehold: household.id)
            #expect(members.first?.relation == .head)
            #expect(members.count { $0.relation == .head } == 1)
            #expect(members.allSatisfy { $0.household == household.id && $0.address == household.address })
        }
        #expect(Set(registry.residents.map(\.code)).count == 24)
    }

    @Test func householdsAndResidentsByKey() throws {
        let household = try #require(registry.household("100005"))
        #expect(household.dogs == 1)
        #expect(registry.members(ofHousehold: "100005").map(\.name.given) == ["拓也", "恵", "蓮", "芽依", "湊"])
        #expect(registry.household("999999") == nil)
        #expect(registry.members(ofHousehold: "999999").isEmpty)
        let head = try #require(registry.resident("99001010000"))
        #expect(head.name.full == "\u{9AD9}橋\u{3000}健司")
        #expect(head.furigana == "タカハシ\u{3000}ケンジ")
        #expect(head.birthDate == date("1982-05-14"))
        #expect(head.address.lines == ["栃木県サンプル市本町二丁目3番12号", "サンプルハイツ203号室"])
        #expect(head.address.postcode?.formatted == "〒329-4101")
        #expect(head.myNumber?.masked == "**** **** 9018")
        #expect(registry.resident("00000000000") == nil)
    }

    @Test func registeredCharactersComeThroughTheFileUnchanged() throws {
        let families = Set(registry.residents.map { $0.name.family.unicodeScalars.map(\.value) })
        #expect(families.contains([0x9AD9, 0x6A4B]))  // 髙橋
        #expect(families.contains([0x5C71, 0xFA11]))  // 山﨑
        #expect(families.contains([0x6E21, 0x908A]))  // 渡邊
        #expect(families.contains([0x9F4B, 0x85E4]))  // 齋藤
        #expect(families.contains([0x6FF5, 0x7530]))  // 濵田
    }

    @Test(arguments: ["たかはし", "タカハシ", "ﾀｶﾊｼ", "高橋", "髙橋", "たか はし"])
    func searchByKanaOrKanjiFindsTakahashi(query: String) {
        let found = registry.search(query)
        #expect(found.map(\.code) == ["99001010000", "99001020000", "99001030000", "99001040000"])
        #expect(found.allSatisfy { $0.name.family.unicodeScalars.first == "\u{9AD9}" })
    }

    @Test func searchNarrowsToOnePerson() {
        #expect(registry.search("タカハシ　ケンジ").map(\.code) == ["99001010000"])
        #expect(registry.search("たかはし けんじ").map(\.code) == ["99001010000"])
        #expect(registry.search("髙橋健司").map(\.code) == ["99001010000"])
        #expect(registry.search("ケンジ").map(\.code) == ["99001010000"])
    }

    @Test func searchFoldsCommonVariants() {
        #expect(registry.search("山崎").map(\.name.given) == ["翔太", "由衣", "陽菜"])
        #expect(registry.search("渡辺").count == 3)
        #expect(registry.search("斎藤").count == 3)
        #expect(registry.search("浜田").map(\.name.given) == ["千代子"])
    }

    @Test func searchByCodeAndBirthDate() {
        #expect(registry.search("99004010000").map(\.name.given) == ["正夫"])
        #expect(registry.search("９９００４０１００００").map(\.name.given) == ["正夫"])
        #expect(registry.search("1943-01-10").map(\.name.given) == ["正夫"])
        #expect(registry.search("昭和18年1月10日").map(\.name.given) == ["正夫"])
        #expect(registry.search("S18.1.10").map(\.name.given) == ["正夫"])
        #expect(registry.search("平成27年11月20日").map(\.name.given) == ["陽翔"])
        #expect(registry.search("99999999999").isEmpty)
    }

    @Test func searchByAlphabetName() {
        #expect(registry.search("NGUYEN").map(\.code) == ["99006010000"])
        #expect(registry.search("nguyen van").map(\.code) == ["99006010000"])
        #expect(registry.search("tran thi mai").map(\.code) == ["99006020000"])
    }

    @Test func searchWithNothingToFind() {
        #expect(registry.search("").isEmpty)
        #expect(registry.search("　").isEmpty)
        #expect(registry.search("存在しない").isEmpty)
        #expect(registry.search("ヤマダ").isEmpty)
    }

    @Test func foreignResidentsCarryResidenceCardItems() throws {
        let nguyen = try #require(registry.resident("99006010000"))
        #expect(nguyen.isForeign)
        #expect(nguyen.nationality == "VN")
        #expect(nguyen.furigana == nil)
        #expect(nguyen.name.alphabetName == "NGUYEN VAN AN")
        #expect(nguyen.residenceCard?.status == "特定技能1号")
        #expect(nguyen.residenceCard?.periodEnd == date("2027-03-31"))
        #expect(nguyen.residenceCard?.number == "AB12345678CD")
        #expect(registry.resident("99006020000")?.relation == .other)
        #expect(registry.residents.filter(\.isForeign).count == 2)
    }

    @Test func theMyNumberNeverShowsInARendering() throws {
        let head = try #require(registry.resident("99001010000"))
        #expect(head.myNumber?.digits == "123456789018")
        #expect(!"\(head)".contains("12345678"))
        #expect(!String(reflecting: head).contains("12345678"))
        var dumped = ""
        dump(head, to: &dumped)
        #expect(!dumped.contains("12345678"))
    }

    @Test func membersForTheGuide() throws {
        let wife = try #require(registry.resident("99003020000"))
        let member = registry.member(for: wife, moving: false)
        #expect(member.id == "99003020000")
        #expect(member.relation == .spouse)
        #expect(member.sex == .female)
        #expect(member.birthDate == date("1993-03-22"))
        #expect(member.pregnant)
        #expect(!member.moving)
        #expect(member.insurance == .dependent)
        #expect(member.pensionCategory == 3)
        #expect(member.myNumberCard == .standard)
        #expect(registry.member(for: wife, moving: true).moving)

        let nguyen = try #require(registry.resident("99006010000"))
        #expect(registry.member(for: nguyen, moving: true).nationality == "VN")
        let grandmother = try #require(registry.resident("99004020000"))
        let elder = registry.member(for: grandmother, moving: false)
        #expect(elder.insurance == .lateElderly)
        #expect(elder.receives == [.pension])
        #expect(elder.sealRegistered)
        #expect(elder.myNumberCard == .faceAuth)
    }

    /// The death of 齋藤正夫, pre-filled from the register, through the sample catalog's rules.
    @Test func aDeathPrefilledFromTheRegister() throws {
        var members = registry.members(ofHousehold: "100004").map { registry.member(for: $0, moving: false) }
        members[0].deceased = true
        let codes = SampleCatalog.codes(LifeEvent(kind: "death", date: date("2026-04-10"), members: members))
        for expected in ["koseki.shibou", "juki.setainushi-henko", "kouki.soshitsu", "kaigo.soshitsu", "nenkin.shibou"] {
            #expect(codes.contains(expected), "\(expected) missing from \(codes)")
        }
        #expect(!codes.contains("kokuho.soshitsu"))
    }

    /// A move within the city for the 髙橋 family and the 小林 family's dog.
    @Test func aMoveWithinTheCityPrefilledFromTheRegister() throws {
        let takahashi = registry.members(ofHousehold: "100001").map { registry.member(for: $0, moving: true) }
        let codes = SampleCatalog.codes(LifeEvent(kind: "move-within", date: date("2026-04-01"), members: takahashi))
        #expect(codes.first == "juki.tenkyo")
        #expect(codes.contains("gakko.tenko"))
        #expect(!codes.contains("inu.henko"))

        var kobayashi = LifeEvent(kind: "move-within", date: date("2026-04-01"),
                                  members: registry.members(ofHousehold: "100005").map { registry.member(for: $0, moving: true) })
        kobayashi.dogs = try #require(registry.household("100005")).dogs
        #expect(SampleCatalog.codes(kobayashi).contains("inu.henko"))
    }
}

@Suite struct ResidentFileErrorTests {
    @Test func badFuriganaNamesTheLine() throws {
        let (error, line) = try #require(try SampleResidents.error(replacing: "furigana: タカハシ　ケンジ", with: "furigana: 高橋　ケンジ"))
        #expect(error.file == "residents.yaml")
        #expect(error.line == line)
        #expect(error.message.contains("furigana"))
        #expect(error.description.hasPrefix("residents.yaml:\(line): "))
    }

    @Test func badPostcodeNamesTheLineAndField() throws {
        let (error, line) = try #require(try SampleResidents.error(replacing: "postcode: 329-4131", with: "postcode: 329-41311"))
        #expect(error.line == line)
        #expect(error.message.hasPrefix("address.postcode "))
    }

    @Test func badMyNumberCheckDigitNamesTheLineButNotTheNumber() throws {
        let (error, line) = try #require(try SampleResidents.error(replacing: "myNumber: \"111111111118\"", with: "myNumber: \"111111111117\""))
        #expect(error.line == line)
        #expect(error.message.contains("個人番号"))
        #expect(!error.description.contains("11111111111"))
    }

    @Test(arguments: [
        // (what is replaced, by what, a word the message must contain)
        ("name: {family: 小林, given: 蓮}", "name: {family: 小林, given: \"蓮<br>\"}", "name.given"),
        ("name: {family: 中村, given: 悠真}", "name: {family: 中村, given: \"悠\u{E000}\"}", "private-use"),
        ("birthDate: 1982-05-14", "birthDate: 1982-02-30", "birthDate"),
        ("insurance: late-elderly\n        careCertification: care2", "insurance: elderly\n        careCertification: care2", "late-elderly"),
        ("receives: [child-allowance, child-rearing-allowance]", "receives: [child-allowance, childcare]", "receives"),
        ("code: \"99008030000\"", "code: \"99008020000\"", "already used"),
        ("code: \"99007010000\"", "code: \"9900701000\"", "11 digits"),
        ("relation: parent", "relation: grandmother", "relation"),
        ("myNumber: \"123456789018\"", "myNumbr: \"123456789018\"", "unknown key 'myNumbr'"),
        ("town: 若葉台一丁目", "town: 若葉台一丁目, prefecture: 栃木県", "duplicate"),
        ("status: 特定技能1号", "status: 特定技能3号ホ", "在留資格"),
        ("number: AB12345678CD", "number: AB1234567CD", "residenceCard.number"),
        ("periodEnd: 2027-03-31, ", "", "periodEnd"),
        ("name: {family: NGUYEN, given: VAN AN, alphabetName: NGUYEN VAN AN}\n        sex: male\n        birthDate: 1999-12-01\n        nationality: VN",
         "name: {family: NGUYEN, given: VAN AN, alphabetName: NGUYEN VAN AN}\n        sex: male\n        birthDate: 1999-12-01\n        nationality: JP",
         "foreign residents only"),
        ("birthDate: 2016-06-18", "residenceCard: {status: 留学, periodEnd: 2027-01-01}\n        birthDate: 2016-06-18", "foreign residents only"),
        ("city: サンプル市, town: 東町", "city: 別の市, town: 東町", "outside"),
        ("prefecture: 栃木県, city: サンプル市, town: 中央二丁目", "prefecture: 栃木, city: サンプル市, town: 中央二丁目", "address.prefecture"),
        ("dogs: 1", "dogs: -1", "dogs"),
        ("pregnant: true\n", "pregnant: maybe\n", "pregnant"),
    ])
    func brokenCopiesNameTheLine(old: String, new: String, word: String) throws {
        let (error, line) = try #require(try SampleResidents.error(replacing: old, with: new))
        #expect(error.file == "residents.yaml")
        #expect(error.line == line, "\(error)")
        #expect(error.message.contains(word), "\(error)")
    }

    @Test func aMyNumberMayBelongToOnePersonOnly() throws {
        let (error, _) = try #require(try SampleResidents.error(replacing: "myNumber: \"987654321093\"", with: "myNumber: \"123456789018\""))
        #expect(error.message.contains("個人番号 **** **** 9018"))
        #expect(!error.description.contains("12345678"))
        #expect(error.line != nil)
    }

    @Test func theHeadMustComeFirst() throws {
        let (error, _) = try #require(try SampleResidents.error(replacing: "    members:\n      - code: \"99007010000\"\n        relation: head",
                                                                with: "    members:\n      - code: \"99007010000\"\n        relation: spouse"))
        #expect(error.message.contains("世帯主"))
        #expect(error.line != nil)
    }

    @Test func invalidYAMLNamesTheLine() throws {
        let (error, line) = try #require(try SampleResidents.error(replacing: "        birthDate: 1940-03-03\n",
                                                                   with: "        birthDate: [1940-03-03\n"))
        #expect(error.message.hasPrefix("not valid YAML"))
        #expect(error.line.map { $0 >= line } ?? false)
    }

    @Test func anEmptyFileIsAnError() {
        #expect(throws: CatalogError.self) { try ResidentRegistry.load(yaml: "", file: "residents.yaml") }
        #expect(throws: CatalogError.self) { try ResidentRegistry.load(yaml: "municipality: {prefecture: 栃木県, city: サンプル市}\nhouseholds: []\n",
                                                                       file: "residents.yaml") }
    }
}
