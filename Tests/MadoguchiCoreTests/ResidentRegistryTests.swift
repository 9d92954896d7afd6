import Foundation
import Testing
@testable import MadoguchiCore

/// The sample register shipped as `Catalog/residents.csv` (a core system's extract), found from this file like
/// `SampleCatalog` finds the catalog.
enum SampleResidents {
    static let path = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Catalog").appendingPathComponent("residents.csv").path

    static func text() throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    static let registry: ResidentRegistry = {
        do {
            return try ResidentRegistry.load(csv: try text(), file: "residents.csv")
        } catch {
            fatalError("The sample residents do not load: \(error)")
        }
    }()

    /// The load errors of the sample with `old` (which must occur exactly once) replaced by `new`,
    /// and the line `old` stood on.
    static func errors(replacing old: String, with new: String, kind: ResidentExtract.Kind = .full,
                       sourceLocation: SourceLocation = #_sourceLocation) throws -> (errors: [CatalogError], line: Int)? {
        let text = try text()
        let parts = text.components(separatedBy: old)
        try #require(parts.count == 2, "“\(old)” is not in residents.csv exactly once", sourceLocation: sourceLocation)
        let line = parts[0].filter { $0 == "\n" || $0 == "\r\n" }.count + 1
        do {
            _ = try ResidentExtract.read(csv: parts.joined(separator: new), file: "residents.csv", kind: kind)
            Issue.record("the broken copy loaded", sourceLocation: sourceLocation)
            return nil
        } catch {
            return (error.errors, line)
        }
    }

    /// The first load error, and the line `old` stood on.
    static func error(replacing old: String, with new: String,
                      sourceLocation: SourceLocation = #_sourceLocation) throws -> (error: CatalogError, line: Int)? {
        guard let (errors, line) = try errors(replacing: old, with: new, sourceLocation: sourceLocation) else { return nil }
        return (try #require(errors.first, sourceLocation: sourceLocation), line)
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

@Suite struct ResidentExtractErrorTests {
    @Test func badFuriganaNamesTheLine() throws {
        let (error, line) = try #require(try SampleResidents.error(replacing: "タカハシ　ケンジ", with: "高橋　ケンジ"))
        #expect(error.file == "residents.csv")
        #expect(error.line == line && line == 2)
        #expect(error.message.contains("furigana"))
        #expect(error.description.hasPrefix("residents.csv:\(line): "))
    }

    @Test func badMyNumberCheckDigitNamesTheLineButNotTheNumber() throws {
        let (error, line) = try #require(try SampleResidents.error(replacing: "111111111118", with: "111111111117"))
        #expect(error.line == line)
        #expect(error.message.contains("個人番号"))
        #expect(!error.description.contains("11111111111"))
    }

    @Test(arguments: [
        // (what is replaced, by what, a word the message must contain)
        ("1943-01-10,JP,329-4131", "1943-01-10,JP,329-41311", "postcode"),
        ("小林,蓮,", "小林,蓮<br>,", "given"),
        ("中村,悠真,", "中村,悠\u{E000},", "private-use"),
        ("1982-05-14", "1982-02-30", "birthDate"),
        (",late-elderly,,care2,", ",elderly,,care2,", "late-elderly"),
        ("child-allowance;child-rearing-allowance", "child-allowance;childcare", "receives"),
        ("99008030000", "99008020000", "already on line"),
        ("99007010000", "9900701000", "11 digits"),
        (",parent,中村", ",grandmother,中村", "relation"),
        ("特定技能1号", "特定技能3号ホ", "在留資格"),
        ("AB12345678CD", "AB1234567CD", "number"),
        ("NGUYEN VAN AN,,male,1999-12-01,VN", "NGUYEN VAN AN,,male,1999-12-01,JP", "foreign residents only"),
        ("2016-06-18,JP,329-4107,栃木県,サンプル市,東町,5191,,,national,,,,,,,,,", "2016-06-18,JP,329-4107,栃木県,サンプル市,東町,5191,,,national,,,,,,,,留学,",
         "foreign residents only"),
        ("329-4107,栃木県,サンプル市,東町,5191,,,national,1,", "329-4107,栃木県,別の市,東町,5191,,,national,1,", "outside"),
        ("329-4103,栃木県", "329-4103,栃木", "prefecture"),
        ("8番3号,,1,employee,2,,standard,child-allowance", "8番3号,,-1,employee,2,,standard,child-allowance", "dogs"),
        ("true,987654321093", "maybe,987654321093", "pregnant"),
        ("99007010000,100007,head", "99007010000,100007,spouse", "世帯主"),
        ("2019-07-07,JP", "2019-07-07,JP,", "fields, but the header has"),
        ("大字西原,1234番地5,,,late-elderly,,care2", "\"大字西原,1234番地5,,,late-elderly,,care2", "not closed"),
        ("myNumber,", "myNumbr,", "unknown column 'myNumbr'"),
    ])
    func brokenCopiesNameTheLine(old: String, new: String, word: String) throws {
        let (error, line) = try #require(try SampleResidents.error(replacing: old, with: new))
        #expect(error.file == "residents.csv")
        #expect(error.line == line, "\(error)")
        #expect(error.message.contains(word), "\(error)")
    }

    @Test func aMyNumberMayBelongToOnePersonOnly() throws {
        let (error, line) = try #require(try SampleResidents.error(replacing: "987654321093", with: "123456789018"))
        #expect(error.message.contains("個人番号 is already on line 2"))
        #expect(!error.description.contains("12345678"))
        #expect(error.line == line)
    }

    @Test func everyProblemIsListedWithItsLine() throws {
        let (errors, _) = try #require(try SampleResidents.errors(replacing: "1982-05-14,JP,329-4101", with: "1982-05-32,J1,329-4101"))
        #expect(errors.prefix(2).map(\.line) == [2, 2])  // then line 3: the household now starts without its 世帯主
        #expect(errors.map(\.message).joined().contains("birthDate") && errors.map(\.message).joined().contains("nationality"))
    }

    @Test func anIncrementalExtractNeedsTheDateOfEveryChange() throws {
        let text = try SampleResidents.text()
        let lines = text.components(separatedBy: "\r\n")
        let one = lines[0] + "\r\n" + lines[21].replacingOccurrences(of: "pension,true,,,,,,,,,", with: "pension,true,,,,,,,2026-11-30,死亡,2026-11-30") + "\r\n"
        let extract = try ResidentExtract.read(csv: one, file: "changes.csv", kind: .incremental)
        #expect(extract.rows.count == 1 && extract.rows[0].change == .death && extract.rows[0].removedOn?.iso == "2026-11-30")
        #expect(ResidentRegistry(extract).residents.isEmpty)  // removed from the register
        #expect(throws: ResidentExtractErrors.self) {
            try ResidentExtract.read(csv: lines[0] + "\r\n" + lines[21] + "\r\n", file: "changes.csv", kind: .incremental)
        }
    }

    @Test func anEmptyFileIsAnError() {
        #expect(throws: ResidentExtractErrors.self) { try ResidentRegistry.load(csv: "", file: "residents.csv") }
        #expect(throws: ResidentExtractErrors.self) { try ResidentRegistry.load(csv: "code,household\r\n", file: "residents.csv") }
    }

    @Test func theExtractRoundTripsByteForByte() throws {
        let text = try SampleResidents.text()
        #expect(ResidentExtract.csv(SampleResidents.registry) == text)
        // Quotes, commas and line breaks inside fields survive.
        #expect(try CSVRecords.parse(CSVRecords.line(["a,b", "say \"hi\"", "two\nlines", "𠮷"]), file: "x").first?.fields
            == ["a,b", "say \"hi\"", "two\nlines", "𠮷"])
    }
}
