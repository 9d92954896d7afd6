import Foundation
import Testing
@testable import MadoguchiCard

/// Nothing of the PIN or the 個人番号 in any error text, any description, any log — and no logging at all.
@Suite("The PIN and the 個人番号 never show")
struct SecrecyTests {
    static let pin = "5917"
    static let number = "856473829104"

    /// Every way an error or a value can become text.
    static func texts(_ value: Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        var texts = [String(describing: value), String(reflecting: value), "\(value)", dumped]
        if let error = value as? MyNumberCardError { texts += [error.messageJa, error.localizedDescription] }
        if let error = value as? Error { texts.append((error as NSError).localizedDescription) }
        return texts
    }

    static func leaks(_ text: String) -> Bool {
        // The digits, their ASCII bytes in hex, and the bytes as decimal numbers (a default array description).
        let secrets = [pin, number]
        return secrets.contains { secret in
            text.contains(secret)
                || text.contains(secret.utf8.map(Hex.byte).joined(separator: " "))
                || text.contains(secret.utf8.map { String($0) }.joined(separator: ", "))
        }
    }

    @Test("every error case, in English, in Japanese, reflected and dumped")
    func everyErrorCase() {
        let statuses = [StatusWord(0x6A82), StatusWord(0x6982), StatusWord(0x63C1), StatusWord(0x6F00)]
        let steps: [CardReadingStep] = [.selectApplication, .selectPINFile, .checkPINTries, .verifyPIN,
                                        .selectBasicFourItems, .selectIndividualNumber, .readBinary]
        let dataErrors: [CardDataError] = [
            .tlv(.truncatedHeader(offset: 3)), .tlv(.valueRunsPastEnd(offset: 0, declared: 92, missing: 30)),
            .tlv(.indefiniteLength(offset: 0)), .tlv(.lengthTooLong(offset: 0)), .tlv(.tagTooLong(offset: 0)),
            .missingContainer, .missingItem("address (tag 35)"), .malformedItem("個人番号 (not 12 ASCII digits)"),
            .fileLengthImplausible(declared: 40000), .fileShorterThanDeclared(declared: 92, read: 60),
        ]
        var errors: [MyNumberCardError] = [.invalidPINFormat, .pinBlocked, .noCard, .cardRemoved, .readerUnavailable, .communicationFailed]
        errors += (0...3).map { .wrongPIN(triesLeft: $0) }
        errors += statuses.map { .notAMyNumberCard($0) }
        errors += dataErrors.map { .unreadableData($0) }
        errors += steps.flatMap { step in statuses.map { .unexpectedStatus(step: step, $0) } }
        for error in errors {
            #expect(!error.description.isEmpty && !error.messageJa.isEmpty)
            for text in Self.texts(error) { #expect(!Self.leaks(text), "\(error)") }
        }
        let transportErrors: [CardTransportError] = [.noCard, .cardRemoved, .readerGone, .failed(code: 0x8010_0069)]
        for error in transportErrors { for text in Self.texts(error) { #expect(!Self.leaks(text)) } }
    }

    @Test("the errors real scenarios throw")
    func scenarioErrors() async throws {
        func card(_ triesLeft: Int = 3, ef0002: String = "ef0002-short") throws -> FakeMyNumberCard {
            FakeMyNumberCard(pin: Self.pin, ef0001: try Fixtures.bytes("ef0001"), ef0002: try Fixtures.bytes(ef0002), triesLeft: triesLeft)
        }
        var thrown: [MyNumberCardError] = []
        func attempt(_ card: FakeMyNumberCard, pin: String, removeAt: Int? = nil) async {
            if let removeAt { await card.simulateRemoval(atReadBinary: removeAt) }
            do {
                _ = try await MyNumberCardReader(transport: card).read(pin: pin, includeMyNumber: true)
            } catch {
                thrown.append(error)
            }
        }
        let wrong = try card()
        await attempt(wrong, pin: "5918")
        await attempt(wrong, pin: "5917x")
        await attempt(wrong, pin: "0000")
        await attempt(wrong, pin: "1111")
        await attempt(wrong, pin: Self.pin)
        await attempt(try card(), pin: Self.pin, removeAt: 3)
        await attempt(try card(ef0002: "ef0002-truncated"), pin: Self.pin)
        let badNumber = FakeMyNumberCard(pin: Self.pin, ef0001: [0xDF, 0x10, 0x0C] + Array("85647382910X".utf8), ef0002: try Fixtures.bytes("ef0002-short"))
        await attempt(badNumber, pin: Self.pin)
        #expect(thrown.count == 8)
        for error in thrown { for text in Self.texts(error) { #expect(!Self.leaks(text), "\(error)") } }
    }

    @Test("a reading, the PIN and the commands print without the secrets")
    func descriptions() async throws {
        let card = FakeMyNumberCard(pin: Self.pin, ef0001: try Fixtures.bytes("ef0001"), ef0002: try Fixtures.bytes("ef0002-short"))
        let reading = try await MyNumberCardReader(transport: card).read(pin: Self.pin, includeMyNumber: true)
        #expect(reading.individualNumber?.digits == Self.number, "it was read")
        for text in Self.texts(reading) { #expect(!Self.leaks(text)) }
        for text in Self.texts(try #require(CardPIN(Self.pin))) { #expect(!Self.leaks(text)) }
        for command in await card.received { for text in Self.texts(command) { #expect(!Self.leaks(text), "\(command)") } }
        for text in Self.texts(ResponseAPDU(data: Array(Self.number.utf8), statusWord: .success)) { #expect(!Self.leaks(text)) }
    }

    @Test("the card library never logs")
    func noLogging() throws {
        let sources = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/MadoguchiCard")
        let files = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count >= 10)
        let forbidden = ["print(", "debugPrint(", "dump(", "NSLog(", "os_log", "Logger(", "FileHandle.standardError", "fputs("]
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for word in forbidden { #expect(!text.contains(word), "\(file) contains \(word)") }
        }
    }
}
