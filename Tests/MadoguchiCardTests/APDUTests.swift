import Testing
@testable import MadoguchiCard

@Suite("APDU encoding and status words")
struct APDUTests {
    @Test("the 券面事項入力補助AP's commands, byte for byte")
    func commands() throws {
        #expect(try APDU.selectApplication(CardInputSupportAP.aid).encoded()
            == [0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08])
        #expect(try APDU.selectFile(0x0011).encoded() == [0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x11])
        #expect(try APDU.selectFile(0x0002).encoded() == [0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x02])
        #expect(try APDU.pinStatusQuery.encoded() == [0x00, 0x20, 0x00, 0x80], "no Lc: a query, not an attempt")
        #expect(try APDU.verify(try #require(CardPIN("0429"))).encoded() == [0x00, 0x20, 0x00, 0x80, 0x04, 0x30, 0x34, 0x32, 0x39])
        #expect(try APDU.readBinary(offset: 0, count: 7).encoded() == [0x00, 0xB0, 0x00, 0x00, 0x07])
        #expect(try APDU.readBinary(offset: 0x0107, count: 256).encoded() == [0x00, 0xB0, 0x01, 0x07, 0x00], "Le 256 is 00")
    }

    @Test("the four cases round-trip through bytes")
    func roundTrip() throws {
        let cases = [
            APDU(ins: 0xA4, p1: 1, p2: 2),
            APDU(ins: 0xB0, p1: 0, p2: 9, le: 200),
            APDU(ins: 0xB0, p1: 0, p2: 9, le: 256),
            APDU(ins: 0xA4, p1: 4, p2: 0x0C, data: [1, 2, 3]),
            APDU(cla: 0x80, ins: 0x2A, p1: 0, p2: 0x80, data: Array(repeating: 7, count: 255), le: 256),
        ]
        for apdu in cases {
            #expect(try APDU(bytes: apdu.encoded()) == apdu)
        }
    }

    @Test("what a short APDU cannot carry, and bytes that are not one")
    func malformed() {
        #expect(throws: APDU.EncodingError.dataTooLong(byteCount: 256)) {
            try APDU(ins: 0xD6, p1: 0, p2: 0, data: Array(repeating: 0, count: 256)).encoded()
        }
        #expect(throws: APDU.EncodingError.leOutOfRange(257)) { try APDU(ins: 0xB0, p1: 0, p2: 0, le: 257).encoded() }
        #expect(throws: APDU.EncodingError.leOutOfRange(0)) { try APDU(ins: 0xB0, p1: 0, p2: 0, le: 0).encoded() }
        #expect(throws: APDU.EncodingError.malformed(byteCount: 3)) { try APDU(bytes: [0, 0xA4, 0]) }
        #expect(throws: APDU.EncodingError.malformed(byteCount: 7)) { try APDU(bytes: [0, 0xA4, 4, 0x0C, 0x05, 1, 2]) }
        #expect(throws: APDU.EncodingError.malformed(byteCount: 8)) { try APDU(bytes: [0, 0xB0, 0, 0, 0x00, 0x01, 0x00, 0x00]) }
    }

    @Test("a printed VERIFY hides the PIN; other commands show their data")
    func masking() throws {
        let verify = APDU.verify(try #require(CardPIN("7391")))
        #expect(verify.description == "00 20 00 80 04 ** ** ** **")
        #expect(!String(reflecting: verify).contains("37 33 39 31"))
        var dumped = ""
        dump(verify, to: &dumped)
        #expect(!dumped.contains("7391") && !dumped.contains("55, 51") && !dumped.contains("37 33"), "no PIN in the mirror: \(dumped)")
        #expect(APDU.selectFile(0x0002).description == "00 A4 02 0C 02 00 02")
    }

    @Test("status words are classified", arguments: [
        (0x9000, StatusWord.Meaning.success),
        (0x63C3, .wrongPIN(triesLeft: 3)),
        (0x63C1, .wrongPIN(triesLeft: 1)),
        (0x63C0, .wrongPIN(triesLeft: 0)),
        (0x6983, .pinBlocked),
        (0x6984, .pinBlocked),
        (0x6A82, .fileNotFound),
        (0x6982, .securityStatusNotSatisfied),
        (0x6C10, .wrongLength(exact: 16)),
        (0x6C00, .wrongLength(exact: 256)),
        (0x6700, .wrongLength(exact: nil)),
        (0x6282, .endOfFileReached),
        (0x6300, .unknown),
        (0x6B00, .unknown),
        (0x6D00, .unknown),
        (0x6F00, .unknown),
    ] as [(UInt16, StatusWord.Meaning)])
    func classify(value: UInt16, meaning: StatusWord.Meaning) {
        let word = StatusWord(value)
        #expect(word.meaning == meaning)
        #expect(word.value == value)
    }

    @Test("responses split into data and SW, and print without their data")
    func responses() throws {
        let response = try ResponseAPDU(bytes: [0x38, 0x35, 0x36, 0x90, 0x00])
        #expect(response.data == [0x38, 0x35, 0x36])
        #expect(response.statusWord == .success)
        #expect(response.bytes == [0x38, 0x35, 0x36, 0x90, 0x00])
        #expect(response.description == "ResponseAPDU(3 data bytes, SW 9000)")
        #expect(try ResponseAPDU(bytes: [0x6A, 0x82]).statusWord.description == "6A82")
        #expect(throws: ResponseAPDU.TooShort(byteCount: 1)) { try ResponseAPDU(bytes: [0x90]) }
        #expect(StatusWord.wrongPIN(triesLeft: 2) == StatusWord(0x63C2))
    }
}
