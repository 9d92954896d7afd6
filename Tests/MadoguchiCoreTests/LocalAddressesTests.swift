import Testing
@testable import MadoguchiCore

/// The municipality's own addresses (`towns.yaml`, `prefecture:`): what the counter no longer types.
@Suite struct LocalAddressesTests {
    let local = try! #require(SampleCatalog.catalog.localAddresses)

    func typed(postcode: String = "", prefecture: String = "", city: String = "", town: String = "", banchi: String = "",
               katagaki: String = "") -> AddressInput {
        var input = AddressInput()
        input.postcode = postcode; input.prefecture = prefecture; input.city = city
        input.town = town; input.banchi = banchi; input.katagaki = katagaki
        return input
    }

    @Test func theSampleCityKnowsWhereItIs() {
        #expect(local.prefecture == .tochigi)
        #expect(local.city == "サンプル市")
        #expect(local.towns.towns.count == 20)
        #expect(local.towns.towns(postcode: try! Postcode("329-4103")).map(\.name) == ["中央一丁目", "中央二丁目", "中央三丁目"])
        #expect(local.towns.town(named: "大字西原")?.addressing == .lotNumber)
    }

    @Test func aPostcodeThatServesOneTownFillsTheRestOfTheAddress() {
        let completed = local.completed(typed(postcode: "3294105", banchi: "12-3", katagaki: "サンプルハイツ101"))
        #expect(completed == typed(postcode: "3294105", prefecture: "栃木県", city: "サンプル市", town: "緑町",
                                   banchi: "12番地3", katagaki: "サンプルハイツ101"))
    }

    @Test func aPostcodeThatServesSeveralTownsLeavesTheTownToStaff() {
        let completed = local.completed(typed(postcode: "329-4103", banchi: "5-3"))
        #expect(completed.town.isEmpty)
        #expect(completed.banchi == "5-3")  // no town, no notation to write it in
        #expect(completed.prefecture == "栃木県" && completed.city == "サンプル市")
    }

    @Test func aTownNamedGivesItsPostcodeAndNotation() {
        let completed = local.completed(typed(town: "中央二丁目", banchi: "５－３"))
        #expect(completed.postcode == "3294103")
        #expect(completed.banchi == "5番3号")  // 住居表示
    }

    @Test func whatStaffTypedIsNeverReplaced() {
        let input = typed(postcode: "3294105", prefecture: "栃木県", city: "サンプル市", town: "本町一丁目", banchi: "3番12号")
        #expect(local.completed(input) == input)  // a postcode of another town: staff know better, nothing is guessed
    }

    @Test func theMunicipalityNameAloneIsNoAddress() {
        #expect(local.completed(typed(prefecture: "栃木県", city: "サンプル市")) == AddressInput())
        #expect(local.completed(AddressInput()) == AddressInput())
        // Another city's name alone is what was typed: the validator says what is missing.
        let elsewhere = typed(prefecture: "東京都", city: "千代田区")
        #expect(local.completed(elsewhere) == elsewhere)
    }

    @Test func anAddressInAnotherCityIsLeftAsTyped() {
        let input = typed(postcode: "1000001", prefecture: "東京都", city: "千代田区", town: "千代田", banchi: "1-1")
        #expect(local.completed(input) == input)
        // A city typed without its prefecture is not ours either: the prefecture stays to be typed.
        #expect(local.completed(typed(postcode: "3294105", city: "宇都宮市", banchi: "1-1")).prefecture.isEmpty)
    }

    @Test(arguments: [
        ("5-3", Town.Addressing.residenceIndication, "5番3号"), ("5-3", .lotNumber, "5番地3"), ("1234", .lotNumber, "1234番地"),
        ("１２３４ー５", .lotNumber, "1234番地5"), ("1234", .residenceIndication, "1234"), ("3-12-203", .residenceIndication, "3-12-203"),
        ("3番12号", .residenceIndication, "3番12号"), ("05-3", .lotNumber, "05-3"), ("5-", .lotNumber, "5-"), ("", .lotNumber, ""),
    ])
    func banchiShorthand(typed: String, addressing: Town.Addressing, written: String) {
        let town = Town(id: "0000001", name: "町", kana: "マチ", postcode: try! Postcode("3294101"), addressing: addressing)
        #expect(town.banchi(typed) == written)
    }

    @Test func aBrokenTownsFileNamesTheLine() throws {
        let twice = try SampleCatalogFiles.replacing("{id: \"0001002\"", with: "{id: \"0001001\"", in: "towns.yaml")
        #expect(loadError(twice)?.message.contains("appears twice") == true)
        let postcode = try SampleCatalogFiles.replacing("postcode: 329-4131", with: "postcode: 329-41", in: "towns.yaml")
        let error = try #require(loadError(postcode))
        #expect(error.file == "towns.yaml" && error.line != nil && error.message.contains("7 digits"))
        let addressing = try SampleCatalogFiles.replacing("name: 荒町, kana: アラマチ, postcode: 329-4104, addressing: chiban",
                                                          with: "name: 荒町, kana: アラマチ, postcode: 329-4104, addressing: banchi", in: "towns.yaml")
        #expect(loadError(addressing)?.message.contains("jukyo") == true)
        var noPrefecture = try SampleCatalogFiles.load()
        noPrefecture["municipality.yaml"] = noPrefecture["municipality.yaml"]!.replacingOccurrences(of: "prefecture: 栃木県\n", with: "")
        #expect(loadError(noPrefecture)?.message.contains("prefecture") == true)
        noPrefecture["towns.yaml"] = nil
        #expect(try CatalogLoader.load(files: noPrefecture).localAddresses == nil)
    }

    @Test func aFamilyQuestionOffersOnlyItsOwnOptions() throws {
        let insurance = try #require(SampleCatalog.catalog.memberQuestions.first { $0.id == "insurance" })
        #expect(insurance.family)
        guard case .choice(let options) = insurance.kind else { Issue.record("insurance is a choice"); return }
        #expect(options.first { $0.value == "employee" }?.forOthers == "dependent")
        let odd = try SampleCatalogFiles.replacing("others: dependent}", with: "others: spouse}", in: "questions.yaml")
        #expect(loadError(odd)?.message.contains("not one of its options") == true)
        let notFamily = try SampleCatalogFiles.replacing("    family: true\n", with: "", in: "questions.yaml")
        #expect(loadError(notFamily)?.message.contains("family: true") == true)
    }
}
