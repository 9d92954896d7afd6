import Testing
@testable import MadoguchiCard

@Suite("BER-TLV parsing of the card's files")
struct BERTLVTests {
    typealias Tag = CardInputSupportAP.Tag

    /// The container and its five children, in order, from a golden EF 0002.
    func parse(_ fixture: String) throws -> (container: BERTLV, children: [BERTLV]) {
        let objects = try BERTLV.parseAll(try Fixtures.bytes(fixture))
        #expect(objects.count == 1, "one object; padding is not an object")
        let container = try #require(objects.first)
        return (container, try container.children())
    }

    @Test("short lengths: FF 20 59 and DF 21…DF 25, values byte-exact")
    func shortLengths() throws {
        let bytes = try Fixtures.bytes("ef0002-short")
        #expect(Array(bytes.prefix(3)) == [0xFF, 0x20, 0x59])
        let (container, children) = try parse("ef0002-short")
        #expect(container.tag == Tag.basicFourItems)
        #expect(container.tag.tagClass == .private && container.tag.isConstructed && container.tag.number == 32)
        #expect(container.value.count == 0x59)
        #expect(children.map(\.tag) == [Tag.header, Tag.name, Tag.address, Tag.birthDate, Tag.sex])
        #expect(children.map(\.tag.number) == [33, 34, 35, 36, 37])
        #expect(children[0].value == [0x00, 0x01, 0x02])
        #expect(children[1].value == Array("山田　太郎".utf8))
        #expect(children[1].value == [0xE5, 0xB1, 0xB1, 0xE7, 0x94, 0xB0, 0xE3, 0x80, 0x80, 0xE5, 0xA4, 0xAA, 0xE9, 0x83, 0x8E])
        #expect(children[2].value == Array("東京都千代田区霞が関一丁目1番1号".utf8))
        #expect(children[3].value == Array("19850412".utf8))
        #expect(children[4].value == [0x31])
    }

    @Test("address over 127 bytes: length 81 9C, container 81 C8")
    func longForm81() throws {
        let bytes = try Fixtures.bytes("ef0002-long-81")
        #expect(Array(bytes.prefix(4)) == [0xFF, 0x20, 0x81, 0xC8])
        let (container, children) = try parse("ef0002-long-81")
        #expect(container.value.count == Int(bytes[3]) && bytes.count == 4 + container.value.count)
        let address = children[2]
        #expect(address.tag == Tag.address)
        #expect(address.value.count == 156 && address.value.count > 127)
        let at = try #require(find([0xDF, 0x23], in: bytes))
        #expect(Array(bytes[at..<(at + 4)]) == [0xDF, 0x23, 0x81, 156], "one-byte long form")
        #expect(address.value == Array(bytes[(at + 4)..<(at + 4 + 156)]))
        #expect(children[1].value == Array("𠮷田　花子".utf8), "a 4-byte UTF-8 character outside JIS kept as is")
    }

    @Test("address over 255 bytes: length 82 01 2F, container 82 01 5B")
    func longForm82() throws {
        let bytes = try Fixtures.bytes("ef0002-long-82")
        #expect(Array(bytes.prefix(5)) == [0xFF, 0x20, 0x82, 0x01, 0x5B])
        let (container, children) = try parse("ef0002-long-82")
        #expect(container.value.count == 0x015B)
        let at = try #require(find([0xDF, 0x23], in: bytes))
        #expect(Array(bytes[at..<(at + 5)]) == [0xDF, 0x23, 0x82, 0x01, 0x2F])
        #expect(children[2].value.count == 0x012F && children[2].value.count > 255)
        #expect(children[2].value == Array(bytes[(at + 5)..<(at + 5 + 0x012F)]))
        #expect(children[4].value == Array("9".utf8))
    }

    @Test("quirks: 82 00 xx, 81 01, a 00 between objects, FF/00 after")
    func quirks() throws {
        let bytes = try Fixtures.bytes("ef0002-quirks")
        #expect(Array(bytes.prefix(5)) == [0xFF, 0x20, 0x82, 0x00, 0x5F], "non-minimal container length")
        #expect(Array(bytes.suffix(6)) == [0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00], "trailing padding")
        let (container, children) = try parse("ef0002-quirks")
        #expect(container.value.count == 0x5F)
        #expect(children.map(\.tag.number) == [33, 34, 35, 36, 37], "the 00 between name and address is skipped")
        #expect(children[4].value == [0x31], "DF 25 81 01 31 read as one byte")
        #expect(children[2].value == Array("大阪府大阪市北区中之島一丁目3番20号".utf8))
    }

    @Test("truncated: a value running past the end is an error, at any cut")
    func truncated() throws {
        let bytes = try Fixtures.bytes("ef0002-truncated")
        #expect(throws: BERError.valueRunsPastEnd(offset: 0, declared: 0x59, missing: 0x59 - (bytes.count - 3))) {
            try BERTLV.parseAll(bytes)
        }
        // The container parses, the child cut in the middle does not.
        let whole = try Fixtures.bytes("ef0002-short")
        let cut = Array(whole.prefix(60))
        #expect(throws: BERError.self) { try BERTLV.parseAll(cut) }
        // Every prefix of every golden file either parses or throws: never a crash, never an out-of-range read.
        for name in ["ef0002-short", "ef0002-long-81", "ef0002-long-82", "ef0002-quirks", "ef0001"] {
            let file = try Fixtures.bytes(name)
            for n in 0...file.count {
                let prefix = Array(file.prefix(n))
                _ = try? BERTLV.parseAll(prefix)
                _ = try? BERTLV.parseFirst(prefix)?.children()
                _ = try? BasicFourItems(ef0002: prefix)
            }
        }
    }

    @Test("headers that cannot be read")
    func badHeaders() {
        #expect(throws: BERError.truncatedHeader(offset: 0)) { try BERTLV.header(in: [0xFF, 0x20, 0x82, 0x01]) }
        #expect(throws: BERError.truncatedHeader(offset: 0)) { try BERTLV.header(in: [0xDF]) }
        #expect(throws: BERError.indefiniteLength(offset: 0)) { try BERTLV.header(in: [0xFF, 0x20, 0x80, 0x00, 0x00]) }
        #expect(throws: BERError.lengthTooLong(offset: 0)) { try BERTLV.header(in: [0xDF, 0x22, 0x85, 1, 1, 1, 1, 1]) }
        #expect(throws: BERError.tagTooLong(offset: 0)) { try BERTLV.header(in: [0xDF, 0x81, 0x81, 0x81, 0x81, 0x01, 0x00]) }
    }

    @Test("the first 7 bytes give the whole length, as the reader uses them")
    func headerProbe() throws {
        for (name, total) in [("ef0002-short", 92), ("ef0002-long-81", 204), ("ef0002-long-82", 352), ("ef0002-quirks", 100)] {
            let bytes = try Fixtures.bytes(name)
            let header = try BERTLV.header(in: Array(bytes.prefix(CardInputSupportAP.headProbeLength)))
            #expect(header.tag == Tag.basicFourItems)
            #expect(header.totalLength == total, "\(name)")
        }
    }

    @Test("the 個人番号's tag 16 in both forms: D0 (DER) and DF 10 (the card's)")
    func individualNumberTagForms() throws {
        let card = try #require(try BERTLV.parseFirst(try Fixtures.bytes("ef0001")))
        #expect(card.tag == Tag.individualNumber)
        #expect(card.value == Array("856473829104".utf8))
        let der = try #require(try BERTLV.parseFirst([0xD0, 0x0C] + Array("856473829104".utf8)))
        #expect(der.tag == card.tag)
        #expect(Tag.individualNumber.encoded == [0xD0])
        #expect(Tag.basicFourItems.encoded == [0xFF, 0x20])
        #expect([Tag.header, Tag.name, Tag.address, Tag.birthDate, Tag.sex].map(\.encoded)
            == [[0xDF, 0x21], [0xDF, 0x22], [0xDF, 0x23], [0xDF, 0x24], [0xDF, 0x25]])
    }

    @Test("FF is padding only before padding or the end; FF 20 is a tag")
    func padding() throws {
        let name = BERTLV(tag: Tag.name, value: [0x41])
        #expect(try BERTLV.parseAll([0x00, 0x00] + name.encoded() + [0xFF, 0xFF, 0x00] + name.encoded() + [0xFF]) == [name, name])
        #expect(try BERTLV.parseAll([]) == [])
        #expect(try BERTLV.parseAll([0xFF, 0xFF, 0x00, 0x00]) == [])
        let container = BERTLV(tag: Tag.basicFourItems, children: [name])
        #expect(try BERTLV.parseAll(container.encoded() + [0xFF, 0xFF]) == [container])
        #expect(try BERTLV.parseAll([0xFF, 0xFF] + container.encoded()) == [container], "the last FF before 20 starts the tag")
        // An FF followed by anything else is a tag's first byte, so FF straight before DF 22 reads as the one tag
        // FF DF 22 (private 12194), not as padding and a name: a documented limit; no card file seen has it.
        #expect(try BERTLV.parseAll([0xFF] + name.encoded()).map(\.tag) == [BERTag.private(12194, constructed: true)])
    }

    @Test("encoding: minimal lengths 7F, 81 80, 82 01 00; the card's 82 form; round trip")
    func encoding() throws {
        #expect(BERTLV.lengthField(0x7F, form: .minimal) == [0x7F])
        #expect(BERTLV.lengthField(0x80, form: .minimal) == [0x81, 0x80])
        #expect(BERTLV.lengthField(0xFF, form: .minimal) == [0x81, 0xFF])
        #expect(BERTLV.lengthField(0x100, form: .minimal) == [0x82, 0x01, 0x00])
        #expect(BERTLV.lengthField(0x5F, form: .twoBytes) == [0x82, 0x00, 0x5F])
        for fixture in ["ef0002-short", "ef0002-long-81", "ef0002-long-82"] {
            let bytes = try Fixtures.bytes(fixture)
            let parsed = try #require(try BERTLV.parseFirst(bytes))
            let rebuilt = BERTLV(tag: parsed.tag, children: try parsed.children())
            #expect(rebuilt.encoded() == bytes, "\(fixture) is minimally encoded, so it re-encodes to itself")
        }
    }

    func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return (0...(haystack.count - needle.count)).first { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }
}
