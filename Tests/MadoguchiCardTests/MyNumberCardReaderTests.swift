import Foundation
import Testing
@testable import MadoguchiCard

@Suite("Reading a card through MyNumberCardReader")
struct MyNumberCardReaderTests {
    static let pin = "5917"
    static let number = "856473829104"

    static func card(_ ef0002: String = "ef0002-short", triesLeft: Int = 3) throws -> FakeMyNumberCard {
        FakeMyNumberCard(pin: pin, ef0001: try Fixtures.bytes("ef0001"), ef0002: try Fixtures.bytes(ef0002), triesLeft: triesLeft)
    }

    static func pin(_ digits: String) throws -> CardPIN { try #require(CardPIN(digits)) }

    /// VERIFY commands that carried a PIN: the ones that can cost a try.
    static func pinVerifies(_ card: FakeMyNumberCard) async -> Int {
        await card.received.filter { $0.ins == 0x20 && !$0.data.isEmpty }.count
    }

    @Test("a full read: the exact command sequence, the items, no 個人番号")
    func fullRead() async throws {
        let card = try Self.card()
        let reading = try await MyNumberCardReader(transport: card).read(pin: Self.pin(Self.pin), includeMyNumber: false)
        #expect(reading.basicFourItems.name.string == "山田　太郎")
        #expect(reading.basicFourItems.address.string == "東京都千代田区霞が関一丁目1番1号")
        #expect(reading.basicFourItems.birthDate.date == YearMonthDay(year: 1985, month: 4, day: 12))
        #expect(reading.basicFourItems.sex.code == .male)
        #expect(reading.basicFourItems.rawTLV == (try Fixtures.bytes("ef0002-short")))
        #expect(reading.individualNumber == nil)
        #expect(reading.triesLeftBeforeVerify == 3)
        #expect(!reading.lastTryWarning)
        #expect(await card.received == [
            .selectApplication(CardInputSupportAP.aid), .selectFile(0x0011), .pinStatusQuery, .verify(try Self.pin(Self.pin)),
            .selectFile(0x0002), .readBinary(offset: 0, count: 7), .readBinary(offset: 7, count: 85),
        ])
        #expect(await card.pinAttempts == 1)
    }

    @Test("the 個人番号 only when asked, and then from EF 0001")
    func individualNumber() async throws {
        let card = try Self.card()
        let reader = MyNumberCardReader(transport: card)
        _ = try await reader.read(pin: Self.pin(Self.pin), includeMyNumber: false)
        #expect(await !card.received.contains(.selectFile(0x0001)), "EF 0001 never selected")
        let reading = try await reader.read(pin: Self.pin(Self.pin), includeMyNumber: true)
        #expect(reading.individualNumber?.digits == Self.number)
        let received = await card.received
        let selected = try #require(received.lastIndex(of: .selectFile(0x0001)))
        #expect(Array(received[(selected + 1)...]) == [.readBinary(offset: 0, count: 7), .readBinary(offset: 7, count: 8)],
                "15 bytes of the object read, the padding after it not")
    }

    @Test("long files are read in 256-byte pieces after the 7-byte probe", arguments: [
        ("ef0002-long-81", [7, 197]), ("ef0002-long-82", [7, 256, 89]), ("ef0002-quirks", [7, 93]),
    ])
    func longFiles(fixture: String, reads: [Int]) async throws {
        let card = try Self.card(fixture)
        let reading = try await MyNumberCardReader(transport: card).read(pin: Self.pin(Self.pin), includeMyNumber: false)
        let expected = try BasicFourItems(ef0002: try Fixtures.bytes(fixture))
        #expect(reading.basicFourItems == expected)
        #expect(await card.received.filter { $0.ins == 0xB0 }.compactMap(\.le) == reads)
    }

    @Test("wrong PIN twice, then right: exactly three tries spent, a warning on the last")
    func wrongTwiceThenRight() async throws {
        let card = try Self.card()
        let reader = MyNumberCardReader(transport: card)
        await #expect(throws: MyNumberCardError.wrongPIN(triesLeft: 2)) {
            try await reader.read(pin: Self.pin("1234"), includeMyNumber: false)
        }
        #expect(await card.triesLeft == 2)
        #expect(await Self.pinVerifies(card) == 1, "no automatic retry")
        #expect(try await reader.pinStatus() == .init(triesLeft: 2), "checking spends nothing")
        await #expect(throws: MyNumberCardError.wrongPIN(triesLeft: 1)) {
            try await reader.read(pin: Self.pin("4321"), includeMyNumber: false)
        }
        let status = try await reader.pinStatus()
        #expect(status.isLastTry && !status.isBlocked)
        #expect(await card.triesLeft == 1)
        let reading = try await reader.read(pin: Self.pin(Self.pin), includeMyNumber: false)
        #expect(reading.lastTryWarning)
        #expect(reading.triesLeftBeforeVerify == 1)
        #expect(await card.pinAttempts == 3, "the card counted three attempts, no more")
        #expect(await Self.pinVerifies(card) == 3)
        #expect(await card.triesLeft == 3, "the right PIN reset the counter")
    }

    @Test("a blocked card never receives a VERIFY with data")
    func blockedCard() async throws {
        let card = try Self.card(triesLeft: 0)
        let reader = MyNumberCardReader(transport: card)
        #expect(try await reader.pinStatus().isBlocked)
        await #expect(throws: MyNumberCardError.pinBlocked) {
            try await reader.read(pin: Self.pin(Self.pin), includeMyNumber: true)
        }
        #expect(await Self.pinVerifies(card) == 0)
        #expect(await card.pinAttempts == 0)
        #expect(await !card.received.contains { $0.ins == 0xB0 })
    }

    @Test("the try that blocks says so, and the next call does not send the PIN")
    func blockingTry() async throws {
        let card = try Self.card(triesLeft: 1)
        let reader = MyNumberCardReader(transport: card)
        let error = await #expect(throws: MyNumberCardError.wrongPIN(triesLeft: 0)) {
            try await reader.read(pin: Self.pin("0000"), includeMyNumber: false)
        }
        #expect(error?.pinIsBlocked == true)
        await #expect(throws: MyNumberCardError.pinBlocked) {
            try await reader.read(pin: Self.pin(Self.pin), includeMyNumber: false)
        }
        #expect(await Self.pinVerifies(card) == 1)
    }

    @Test("removal mid-read gives the removal error", arguments: [("ef0002-short", 2), ("ef0002-long-82", 3), ("ef0002-short", 1)])
    func removal(fixture: String, atRead: Int) async throws {
        let card = try Self.card(fixture)
        await card.simulateRemoval(atReadBinary: atRead)
        await #expect(throws: MyNumberCardError.cardRemoved) {
            try await MyNumberCardReader(transport: card).read(pin: Self.pin(Self.pin), includeMyNumber: false)
        }
        #expect(await !card.isPresent)
        #expect(await card.triesLeft == 3, "the PIN was right; nothing lost")
    }

    @Test("removal while reading the 個人番号")
    func removalDuringIndividualNumber() async throws {
        let card = try Self.card()
        await card.simulateRemoval(atReadBinary: 3)  // EF 0002 takes two reads; the third is EF 0001's first
        await #expect(throws: MyNumberCardError.cardRemoved) {
            try await MyNumberCardReader(transport: card).read(pin: Self.pin(Self.pin), includeMyNumber: true)
        }
    }

    @Test("a card without the AP is not a My Number card")
    func foreignCard() async throws {
        let foreign = ScriptedTransport { _ in ResponseAPDU(statusWord: .fileNotFound) }
        await #expect(throws: MyNumberCardError.notAMyNumberCard(.fileNotFound)) {
            try await MyNumberCardReader(transport: foreign).read(pin: Self.pin(Self.pin), includeMyNumber: false)
        }
        #expect(foreign.commands.count == 1, "stopped after the SELECT")
    }

    @Test("transport failures become the reader's errors", arguments: [
        (CardTransportError.noCard, MyNumberCardError.noCard),
        (.cardRemoved, .cardRemoved),
        (.readerGone, .readerUnavailable),
        (.failed(code: 0x8010_0016), .communicationFailed),
    ])
    func transportFailures(thrown: CardTransportError, expected: MyNumberCardError) async {
        let transport = ScriptedTransport { _ in throw thrown }
        await #expect(throws: expected) { try await MyNumberCardReader(transport: transport).pinStatus() }
    }

    @Test("a malformed PIN is refused before the card sees anything")
    func malformedPIN() async throws {
        let card = try Self.card()
        for typed in ["", "123", "12345", "１２３４", "12a4", " 1234"] {
            #expect(CardPIN(typed) == nil)
            await #expect(throws: MyNumberCardError.invalidPINFormat) {
                try await MyNumberCardReader(transport: card).read(pin: typed, includeMyNumber: false)
            }
        }
        #expect(await card.received.isEmpty)
    }

    @Test("data the card cannot hold is unreadable, not a crash")
    func unreadable() async throws {
        let truncated = try Self.card("ef0002-truncated")
        await #expect(throws: MyNumberCardError.unreadableData(.fileShorterThanDeclared(declared: 92, read: 60))) {
            try await MyNumberCardReader(transport: truncated).read(pin: Self.pin(Self.pin), includeMyNumber: false)
        }
        let notTLV = FakeMyNumberCard(pin: Self.pin, ef0001: [], ef0002: [0xFF, 0x20, 0x80, 0, 0, 0, 0, 0])
        await #expect(throws: MyNumberCardError.unreadableData(.tlv(.indefiniteLength(offset: 0)))) {
            try await MyNumberCardReader(transport: notTLV).read(pin: Self.pin(Self.pin), includeMyNumber: false)
        }
    }

    @Test("a 6Cxx answer is asked again once with the length it names")
    func wrongLengthHint() async throws {
        let file = try Fixtures.bytes("ef0002-short")
        // A card that answers the first READ BINARY with 6C07 ("ask for 7"), then normally.
        let hinted = ScriptedTransport { command, count in
            switch command.ins {
            case 0x20 where command.data.isEmpty: return ResponseAPDU(statusWord: .wrongPIN(triesLeft: 3))
            case 0xB0 where count(0xB0) == 1: return ResponseAPDU(statusWord: StatusWord(0x6C07))
            case 0xB0:
                let offset = Int(command.p1) << 8 | Int(command.p2)
                let end = min(file.count, offset + (command.le ?? 0))
                return ResponseAPDU(data: Array(file[offset..<end]), statusWord: .success)
            default: return ResponseAPDU(statusWord: .success)
            }
        }
        let reading = try await MyNumberCardReader(transport: hinted).read(pin: Self.pin(Self.pin), includeMyNumber: false)
        #expect(reading.basicFourItems.name.string == "山田　太郎")
        #expect(hinted.commands.filter { $0.ins == 0xB0 }.compactMap(\.le) == [7, 7, 85])

        // A card that keeps answering 6C07: one more ask, then a clear error, no loop.
        let stubborn = ScriptedTransport { command, _ in
            switch command.ins {
            case 0x20 where command.data.isEmpty: return ResponseAPDU(statusWord: .wrongPIN(triesLeft: 3))
            case 0xB0: return ResponseAPDU(statusWord: StatusWord(0x6C07))
            default: return ResponseAPDU(statusWord: .success)
            }
        }
        await #expect(throws: MyNumberCardError.unexpectedStatus(step: .readBinary, StatusWord(0x6C07))) {
            try await MyNumberCardReader(transport: stubborn).read(pin: Self.pin(Self.pin), includeMyNumber: false)
        }
        #expect(stubborn.commands.filter { $0.ins == 0xB0 }.count == 2)
    }
}

/// A transport answering from a closure, recording what it was sent: for cards that are not My Number cards, for
/// card behaviours the fake does not have, and for failures of the transport itself. The closure also gets a
/// counter: how many commands with a given INS have arrived so far, this one included.
final class ScriptedTransport: CardTransport, @unchecked Sendable {
    typealias Answer = @Sendable (APDU, _ count: (UInt8) -> Int) throws -> ResponseAPDU
    private let answer: Answer
    private let lock = NSLock()
    private var sent: [APDU] = []

    init(_ answer: @escaping Answer) { self.answer = answer }

    convenience init(_ answer: @escaping @Sendable (APDU) throws -> ResponseAPDU) {
        self.init { command, _ in try answer(command) }
    }

    var commands: [APDU] { lock.withLock { sent } }

    func transmit(_ command: APDU) async throws -> ResponseAPDU {
        let sofar = lock.withLock {
            sent.append(command)
            return sent
        }
        return try answer(command) { ins in sofar.filter { $0.ins == ins }.count }
    }
}
