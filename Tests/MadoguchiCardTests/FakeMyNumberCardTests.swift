import Testing
@testable import MadoguchiCard

/// The fake card judged as a card: raw command bytes in, status words out, as the CI emulator will serve them.
@Suite("The fake My Number card behaves like the 券面事項入力補助AP")
struct FakeMyNumberCardTests {
    static let pin = "5917"

    func card(triesLeft: Int = 3) throws -> FakeMyNumberCard {
        FakeMyNumberCard(
            pin: Self.pin, ef0001: try Fixtures.bytes("ef0001"), ef0002: try Fixtures.bytes("ef0002-short"),
            triesLeft: triesLeft)
    }

    func sw(_ response: [UInt8]) -> UInt16 { UInt16(response[response.count - 2]) << 8 | UInt16(response[response.count - 1]) }

    let selectAP: [UInt8] = [0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08]
    let selectPIN: [UInt8] = [0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x11]
    let selectItems: [UInt8] = [0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x02]
    let query: [UInt8] = [0x00, 0x20, 0x00, 0x80]
    func verify(_ pin: String) -> [UInt8] { [0x00, 0x20, 0x00, 0x80, 0x04] + Array(pin.utf8) }

    @Test("selection: the AP by AID, EFs by FID, nothing else")
    func selection() async throws {
        let card = try card()
        #expect(sw(await card.respond(to: selectPIN)) == 0x6A82, "no EF before the AP")
        #expect(sw(await card.respond(to: [0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01])) == 0x6A82,
                "the JPKI AP is not served")
        #expect(sw(await card.respond(to: selectAP)) == 0x9000)
        #expect(sw(await card.respond(to: [0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x03])) == 0x6A82)
        #expect(sw(await card.respond(to: selectPIN)) == 0x9000)
        #expect(sw(await card.respond(to: selectItems)) == 0x9000)
        #expect(sw(await card.respond(to: [0x00, 0xB0, 0x00, 0x00, 0x07])) == 0x6982, "no reading before the PIN")
        #expect(sw(await card.respond(to: query)) == 0x6986, "VERIFY needs the PIN EF selected")
        #expect(sw(await card.respond(to: [0x00, 0xCA, 0x00, 0x00, 0x00])) == 0x6D00)
        #expect(sw(await card.respond(to: [0x80, 0xB0, 0x00, 0x00, 0x07])) == 0x6E00)
    }

    @Test("the retry counter: queries spend nothing, a wrong PIN spends one, the right one resets to 3")
    func counter() async throws {
        let card = try card()
        _ = await card.respond(to: selectAP)
        _ = await card.respond(to: selectPIN)
        for _ in 0..<3 { #expect(sw(await card.respond(to: query)) == 0x63C3) }
        #expect(await card.triesLeft == 3)
        #expect(await card.pinAttempts == 0)
        #expect(sw(await card.respond(to: verify("0000"))) == 0x63C2)
        #expect(sw(await card.respond(to: query)) == 0x63C2)
        #expect(sw(await card.respond(to: verify("123"))) == 0x6700, "not 4 digits: refused, no try spent")
        #expect(await card.triesLeft == 2)
        #expect(sw(await card.respond(to: verify(Self.pin))) == 0x9000)
        #expect(await card.triesLeft == 3)
        #expect(await card.pinAttempts == 2)
        #expect(sw(await card.respond(to: query)) == 0x9000, "verified in this session")
    }

    @Test("three wrong PINs block it for good, even for the right PIN, across reinsertion")
    func blocking() async throws {
        let card = try card()
        _ = await card.respond(to: selectAP)
        _ = await card.respond(to: selectPIN)
        #expect(sw(await card.respond(to: verify("1111"))) == 0x63C2)
        #expect(sw(await card.respond(to: verify("2222"))) == 0x63C1)
        #expect(sw(await card.respond(to: verify("3333"))) == 0x63C0)
        #expect(sw(await card.respond(to: query)) == 0x6983)
        #expect(sw(await card.respond(to: verify(Self.pin))) == 0x6983)
        await card.remove()
        await card.insert()
        _ = await card.respond(to: selectAP)
        _ = await card.respond(to: selectPIN)
        #expect(sw(await card.respond(to: verify(Self.pin))) == 0x6983)
        _ = await card.respond(to: selectItems)
        #expect(sw(await card.respond(to: [0x00, 0xB0, 0x00, 0x00, 0x07])) == 0x6982)
        #expect(await card.triesLeft == 0)
        #expect(await card.pinAttempts == 3, "the blocked VERIFYs were not attempts")
    }

    @Test("READ BINARY with offsets, end of file, bad offsets")
    func readBinary() async throws {
        let card = try card()
        let file = try Fixtures.bytes("ef0002-short")  // 92 bytes
        _ = await card.respond(to: selectAP)
        _ = await card.respond(to: selectPIN)
        _ = await card.respond(to: verify(Self.pin))
        _ = await card.respond(to: selectItems)
        #expect(await card.respond(to: [0x00, 0xB0, 0x00, 0x00, 0x07]) == Array(file.prefix(7)) + [0x90, 0x00])
        #expect(await card.respond(to: [0x00, 0xB0, 0x00, 0x07, 0x55]) == Array(file[7...]) + [0x90, 0x00])
        #expect(await card.respond(to: [0x00, 0xB0, 0x00, 0x50, 0x14]) == Array(file[0x50...]) + [0x62, 0x82])
        #expect(await card.respond(to: [0x00, 0xB0, 0x00, 0x5C, 0x01]) == [0x6B, 0x00], "offset at the end")
        #expect(await card.respond(to: [0x00, 0xB0, 0x00, 0x00]) == [0x67, 0x00], "no Le")
        _ = await card.respond(to: selectPIN)
        #expect(await card.respond(to: [0x00, 0xB0, 0x00, 0x00, 0x04]) == [0x69, 0x81], "the PIN EF is not readable")
    }

    @Test("removal: the exchange fails, the session is gone, the counter stays")
    func removal() async throws {
        let card = try card()
        _ = try await card.transmit(.selectApplication(CardInputSupportAP.aid))
        _ = try await card.transmit(.selectFile(0x0011))
        _ = try await card.transmit(.verify(try #require(CardPIN("0000"))))
        await card.remove()
        await #expect(throws: CardTransportError.cardRemoved) { try await card.transmit(.pinStatusQuery) }
        await card.insert()
        #expect(try await card.transmit(.pinStatusQuery).statusWord == StatusWord(0x6986), "power-on: nothing selected")
        _ = try await card.transmit(.selectApplication(CardInputSupportAP.aid))
        _ = try await card.transmit(.selectFile(0x0011))
        #expect(try await card.transmit(.pinStatusQuery).statusWord == .wrongPIN(triesLeft: 2))
    }
}
