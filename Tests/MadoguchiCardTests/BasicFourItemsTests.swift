import Testing
@testable import MadoguchiCard

@Suite("The four basic items decoded from EF 0002")
struct BasicFourItemsTests {
    @Test("short fixture: every item, byte-exact, and the raw container")
    func short() throws {
        let bytes = try Fixtures.bytes("ef0002-short")
        let items = try BasicFourItems(ef0002: bytes)
        #expect(items.header == [0x00, 0x01, 0x02])
        #expect(items.name.string == "山田　太郎")
        #expect(items.name.bytes == Array("山田　太郎".utf8))
        #expect(items.address.string == "東京都千代田区霞が関一丁目1番1号")
        #expect(items.birthDate.text == "19850412")
        #expect(items.birthDate.date == YearMonthDay(year: 1985, month: 4, day: 12))
        #expect(items.sex.code == .male)
        #expect(items.rawTLV == bytes)
        #expect(!items.name.needsManualCheck && !items.address.needsManualCheck)
    }

    @Test("long fixtures: the long addresses whole, the other items right")
    func long() throws {
        let l81 = try BasicFourItems(ef0002: try Fixtures.bytes("ef0002-long-81"))
        #expect(l81.address.bytes.count == 156)
        #expect(l81.address.string?.hasPrefix("北海道札幌市中央区北一条西二丁目1番地") == true)
        #expect(l81.address.string?.hasSuffix("受付窓口横") == true)
        #expect(l81.name.string == "𠮷田　花子")
        #expect(l81.birthDate.date == YearMonthDay(year: 2000, month: 2, day: 29), "a leap day")
        #expect(l81.sex.code == .female)

        let l82 = try BasicFourItems(ef0002: try Fixtures.bytes("ef0002-long-82"))
        #expect(l82.address.bytes.count == 303)
        #expect(l82.address.string?.hasSuffix("琉球政府記念館通り沿い") == true)
        #expect(l82.name.string == "髙橋　一郎")
        #expect(l82.sex.code == .notApplicable)
        #expect(l82.sex.code?.labelJa == "適用不能")
    }

    @Test("quirks fixture: raw TLV stops before the padding")
    func quirks() throws {
        let bytes = try Fixtures.bytes("ef0002-quirks")
        let items = try BasicFourItems(ef0002: bytes)
        #expect(items.name.string == "佐藤　次郎")
        #expect(items.birthDate.date == YearMonthDay(year: 1999, month: 12, day: 31))
        #expect(items.sex.code == .male)
        #expect(items.rawTLV == Array(bytes.prefix(100)), "the container's own bytes, 82 00 5F and all")
    }

    @Test("truncated fixture is unreadable data, not a crash")
    func truncated() throws {
        #expect(throws: CardDataError.self) { try BasicFourItems(ef0002: try Fixtures.bytes("ef0002-truncated")) }
    }

    @Test("invalid UTF-8 keeps the bytes and asks for a manual check")
    func invalidUTF8() throws {
        let broken: [UInt8] = [0xE5, 0xB1, 0xB1, 0xE7, 0x94]  // 山 then a cut-off character
        let ef = FakeMyNumberCard.ef0002(name: broken, address: Array("〓町1".utf8), birthDate: Array("H01.01.08".utf8), sex: [0x33])
        let items = try BasicFourItems(ef0002: ef)
        #expect(items.name.string == nil)
        #expect(items.name.bytes == broken)
        #expect(items.name.needsManualCheck)
        #expect(items.address.string == "〓町1" && items.address.needsManualCheck, "the geta mark stands for a lost character")
        #expect(items.birthDate.text == "H01.01.08" && items.birthDate.date == nil, "kept as text, not guessed")
        #expect(items.sex.bytes == [0x33] && items.sex.code == nil, "3 is not an ISO 5218 code")
        #expect(CardText(bytes: Array("\u{E000}子".utf8)).needsManualCheck, "private use area")
    }

    @Test("dates that are not dates")
    func dates() {
        #expect(YearMonthDay(yyyymmdd: Array("19000229".utf8)) == nil, "1900 was not a leap year")
        #expect(YearMonthDay(yyyymmdd: Array("20240229".utf8)) != nil)
        #expect(YearMonthDay(yyyymmdd: Array("19851301".utf8)) == nil)
        #expect(YearMonthDay(yyyymmdd: Array("19850431".utf8)) == nil)
        #expect(YearMonthDay(yyyymmdd: Array("1985041".utf8)) == nil)
        #expect(YearMonthDay(yyyymmdd: Array("1985-4-1".utf8)) == nil)
    }

    @Test("items found by tag in any order; a missing one is named")
    func order() throws {
        let tag = CardInputSupportAP.Tag.self
        let shuffled = BERTLV(tag: tag.basicFourItems, children: [
            BERTLV(tag: tag.sex, value: [0x32]), BERTLV(tag: tag.birthDate, value: Array("19600101".utf8)),
            BERTLV(tag: .private(40), value: [1]),  // unknown: ignored
            BERTLV(tag: tag.address, value: Array("住所".utf8)), BERTLV(tag: tag.name, value: Array("名前".utf8)),
            BERTLV(tag: tag.header, value: []),
        ])
        let items = try BasicFourItems(ef0002: shuffled.encoded())
        #expect(items.name.string == "名前" && items.address.string == "住所" && items.sex.code == .female)

        let noAddress = BERTLV(tag: tag.basicFourItems, children: [
            BERTLV(tag: tag.header, value: []), BERTLV(tag: tag.name, value: [0x41]),
            BERTLV(tag: tag.birthDate, value: []), BERTLV(tag: tag.sex, value: [0x31]),
        ])
        #expect(throws: CardDataError.missingItem("address (tag 35)")) { try BasicFourItems(ef0002: noAddress.encoded()) }
        #expect(throws: CardDataError.missingContainer) { try BasicFourItems(ef0002: BERTLV(tag: tag.name, value: []).encoded()) }
        #expect(throws: CardDataError.missingContainer) { try BasicFourItems(ef0002: [0xFF, 0xFF, 0x00]) }
    }

    @Test("EF 0001: the 個人番号 from the card's form, and what is refused")
    func individualNumber() throws {
        let number = try IndividualNumber(ef0001: try Fixtures.bytes("ef0001"))
        #expect(number.digits == "856473829104")
        #expect(throws: CardDataError.self) { try IndividualNumber(ef0001: [0xDF, 0x10, 0x0B] + Array("85647382910".utf8)) }
        #expect(throws: CardDataError.self) { try IndividualNumber(ef0001: [0xDF, 0x11, 0x0C] + Array("856473829104".utf8)) }
        #expect(throws: CardDataError.self) { try IndividualNumber(ef0001: [0xDF, 0x10, 0x0C] + Array("85647382910A".utf8)) }
        #expect(throws: CardDataError.self) { try IndividualNumber(ef0001: [0xDF, 0x10, 0x0C, 0x38]) }
    }
}
