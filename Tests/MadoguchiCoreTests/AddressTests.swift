import Testing
@testable import MadoguchiCore

private func addressError(prefecture: String = "栃木県", city: String = "サンプル市", town: String = "本町二丁目",
                          banchi: String = "3番12号", katagaki: String? = nil, postcode: String? = "329-4101",
                          sourceLocation: SourceLocation = #_sourceLocation) -> FieldError? {
    do {
        _ = try Address(prefecture: prefecture, city: city, town: town, banchi: banchi, katagaki: katagaki, postcode: postcode)
        Issue.record("the address was accepted", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

@Suite struct AddressTests {
    @Test func allFortySevenPrefectures() {
        #expect(Prefecture.allCases.count == 47)
        #expect(Set(Prefecture.allCases.map(\.rawValue)).count == 47)
        #expect(Prefecture.hokkaido.code == "01")
        #expect(Prefecture.tochigi.code == "09")
        #expect(Prefecture.tokyo.code == "13")
        #expect(Prefecture.osaka.code == "27")
        #expect(Prefecture.okinawa.code == "47")
        #expect(Prefecture.allCases.filter { $0.rawValue.hasSuffix("県") }.count == 43)
        #expect(Prefecture(rawValue: "京都府") == .kyoto)
    }

    @Test func linesForPrinting() throws {
        let flat = try Address(prefecture: "栃木県", city: "サンプル市", town: "本町二丁目", banchi: "3番12号",
                               katagaki: "サンプルハイツ203号室", postcode: "329-4101")
        #expect(flat.lines == ["栃木県サンプル市本町二丁目3番12号", "サンプルハイツ203号室"])
        let house = try Address(prefecture: "栃木県", city: "サンプル市", town: "大字西原", banchi: "1234番地5", postcode: "3294131")
        #expect(house.lines == ["栃木県サンプル市大字西原1234番地5"])
        #expect(house.katagaki == nil)
        #expect(try Address(prefecture: "東京都", city: "千代田区", town: "霞が関二丁目", banchi: "1番6号", katagaki: "  ").katagaki == nil)
    }

    @Test(arguments: ["5191", "1番地2", "3丁目4番5号", "３丁目４番５号", "四丁目5番6-504号", "1234番地5 "])
    func banchiIsKeptAsTyped(banchi: String) throws {
        let address = try Address(prefecture: "栃木県", city: "サンプル市", town: "東町", banchi: banchi)
        #expect(Array(address.banchi.unicodeScalars) == Array(RegisterText.trimmingSpaces(banchi).unicodeScalars))
    }

    @Test(arguments: ["329-4101", "3294101", "〒329-4101", "３２９－４１０１", "３２９４１０１", " 329-4101 ", "329ー4101", "〒３２９‐４１０１"])
    func postcodesAreNormalized(text: String) throws {
        let postcode = try Postcode(text)
        #expect(postcode.digits == "3294101")
        #expect(postcode.formatted == "〒329-4101")
        #expect("\(postcode)" == "〒329-4101")
    }

    @Test(arguments: ["", "329-410", "32-94101", "329-41011", "329--4101", "3294-101", "abc-defg", "329 4101", "3294101a", "〒〒3294101"])
    func badPostcodesNameTheField(text: String) {
        #expect(addressError(postcode: text)?.field == "postcode")
    }

    @Test func errorsNameTheField() {
        #expect(addressError(prefecture: "栃木")?.field == "prefecture")
        #expect(addressError(prefecture: "Tochigi")?.field == "prefecture")
        #expect(addressError(city: "")?.field == "city")
        #expect(addressError(city: "サンプル")?.field == "city")
        #expect(addressError(town: "")?.field == "town")
        #expect(addressError(town: "本町<script>")?.field == "town")
        #expect(addressError(banchi: " ")?.field == "banchi")
        #expect(addressError(banchi: "3番\n12号")?.field == "banchi")
        #expect(addressError(katagaki: "ハイツ\u{E001}")?.field == "katagaki")
        #expect(addressError(katagaki: String(repeating: "ハ", count: 61))?.field == "katagaki")
    }

    @Test func citiesWithDistrictsAndWards() throws {
        #expect(try Address(prefecture: "栃木県", city: "那須郡サンプル町", town: "大字東", banchi: "12").city == "那須郡サンプル町")
        #expect(try Address(prefecture: "神奈川県", city: "横浜市中区", town: "本町一丁目", banchi: "1番地").city == "横浜市中区")
        #expect(try Address(prefecture: "北海道", city: "虻田郡サンプル村", town: "字中央", banchi: "56番地").postcode == nil)
    }

    @Test func textIsKeptByteExactAndComparedByScalars() throws {
        let a = try Address(prefecture: "栃木県", city: "サンプル市", town: "\u{FA10}町", banchi: "1番地")
        let b = try Address(prefecture: "栃木県", city: "サンプル市", town: "\u{585A}町", banchi: "1番地")
        #expect(a.town.unicodeScalars.first == "\u{FA10}")
        #expect(a != b)
        #expect(Set([a, b]).count == 2)
    }
}
