/// An in-process My Number card: the 券面事項入力補助AP as a card behaves, answering the same command bytes with the
/// same status words, including a PIN retry counter that really locks.
///
/// It is a card, not a mock of the reader: it knows nothing of `MyNumberCardReader` and judges each command on
/// its own, so a protocol mistake (reading before VERIFY, a VERIFY on the wrong EF, a needless try) shows up
/// here as it would on a real card. `respond(to:)` takes and returns raw bytes, so the CI emulator behind vpcd
/// can serve the very same card and fixtures.
///
/// Where the real card's behaviour is not documented, the choice made is marked "[fake]".
public actor FakeMyNumberCard: CardTransport {
    private let pin: [UInt8]
    /// EF contents by FID (EF 0001, EF 0002, any other), served by READ BINARY.
    private var files: [UInt16: [UInt8]]

    /// PIN tries left. Survives removal and reinsertion, as the card's counter does.
    public private(set) var triesLeft: Int
    /// VERIFY commands with data that the card checked against its PIN, right or wrong: the attempts a citizen
    /// would see counted.
    public private(set) var pinAttempts = 0
    /// Every command that reached the card, in order (a VERIFY shows its data masked when printed).
    public private(set) var received: [APDU] = []
    public private(set) var isPresent = true

    // Session state, lost when the card leaves the field.
    private var applicationSelected = false
    private var currentEF: UInt16?
    private var pinVerified = false

    private var readBinaryCount = 0
    private var removalAtReadBinary: Int?

    /// A card with the given file contents. `pin` must be 4 ASCII digits.
    public init(pin: String, ef0001: [UInt8], ef0002: [UInt8], triesLeft: Int = CardInputSupportAP.maximumPINTries) {
        precondition(CardPIN(pin) != nil, "the card's PIN is 4 ASCII digits")
        self.pin = Array(pin.utf8)
        self.files = [CardInputSupportAP.File.individualNumber: ef0001, CardInputSupportAP.File.basicFourItems: ef0002]
        self.triesLeft = max(0, min(triesLeft, CardInputSupportAP.maximumPINTries))
    }

    /// A card holding these items, encoded as the card encodes them.
    public init(
        pin: String, individualNumber: String, name: String, address: String, birthDate: String, sex: ISO5218Sex,
        triesLeft: Int = CardInputSupportAP.maximumPINTries
    ) {
        self.init(
            pin: pin, ef0001: FakeMyNumberCard.ef0001(individualNumber),
            ef0002: FakeMyNumberCard.ef0002(
                name: Array(name.utf8), address: Array(address.utf8), birthDate: Array(birthDate.utf8),
                sex: Array(String(sex.rawValue).utf8)),
            triesLeft: triesLeft)
    }

    // MARK: File builders

    /// EF 0001: `DF 10 0C` + 12 digits + `FF FF`. The two-byte tag form and the padding are inferred: jpki/myna
    /// had to accept a non-minimal tag and reads 17 bytes, which is exactly 3 + 12 + 2.
    public static func ef0001(_ digits: String) -> [UInt8] {
        [0xDF, 0x10, UInt8(digits.utf8.count)] + Array(digits.utf8) + [0xFF, 0xFF]
    }

    /// EF 0002: container `FF 20 82 hh ll` (a two-byte length, as jpki/myna's `FF 40 82 00 9F` sample shows the
    /// card writes them) holding tags 33–37 with minimal lengths.
    public static func ef0002(header: [UInt8] = placeholderHeader, name: [UInt8], address: [UInt8], birthDate: [UInt8], sex: [UInt8]) -> [UInt8] {
        let tag = CardInputSupportAP.Tag.self
        let container = BERTLV(tag: tag.basicFourItems, children: [
            BERTLV(tag: tag.header, value: header), BERTLV(tag: tag.name, value: name),
            BERTLV(tag: tag.address, value: address), BERTLV(tag: tag.birthDate, value: birthDate),
            BERTLV(tag: tag.sex, value: sex),
        ])
        return container.encoded(lengthForm: .twoBytes)
    }

    /// [fake] The real header's content is not documented anywhere read; these bytes only stand in for it.
    public static let placeholderHeader: [UInt8] = [0x00, 0x01, 0x02]

    // MARK: The card in the field

    /// The card leaves the reader: the session (selected AP, verified PIN) is gone; the PIN counter stays.
    public func remove() {
        isPresent = false
        resetSession()
    }

    /// The card is put back: a fresh power-on, nothing selected, PIN not verified.
    public func insert() {
        isPresent = true
        resetSession()
    }

    /// The card leaves the reader when the `n`th READ BINARY from now arrives (1 = the next one), before answering.
    public func simulateRemoval(atReadBinary n: Int) {
        removalAtReadBinary = readBinaryCount + n
    }

    private func resetSession() {
        applicationSelected = false
        currentEF = nil
        pinVerified = false
    }

    // MARK: CardTransport

    public func transmit(_ command: APDU) async throws -> ResponseAPDU {
        guard isPresent else { throw CardTransportError.cardRemoved }
        if command.ins == 0xB0 {
            readBinaryCount += 1
            if readBinaryCount == removalAtReadBinary {
                removalAtReadBinary = nil
                remove()
                throw CardTransportError.cardRemoved
            }
        }
        // Through the bytes, as a reader would pass them: what cannot be a short APDU is a wrong length.
        guard let bytes = try? command.encoded() else {
            received.append(command)
            return ResponseAPDU(statusWord: .wrongLength)
        }
        return (try? ResponseAPDU(bytes: respond(to: bytes))) ?? ResponseAPDU(statusWord: .wrongLength)
    }

    /// One command as bytes in, the response as bytes out (data + SW1 SW2): the card's whole interface.
    public func respond(to commandBytes: [UInt8]) -> [UInt8] {
        guard let command = try? APDU(bytes: commandBytes) else { return ResponseAPDU(statusWord: .wrongLength).bytes }
        received.append(command)
        return answer(command).bytes
    }

    private func answer(_ command: APDU) -> ResponseAPDU {
        guard command.cla == 0x00 else { return ResponseAPDU(statusWord: .classNotSupported) }
        switch command.ins {
        case 0xA4: return select(command)
        case 0x20: return verify(command)
        case 0xB0: return readBinary(command)
        default: return ResponseAPDU(statusWord: .instructionNotSupported)
        }
    }

    private func select(_ command: APDU) -> ResponseAPDU {
        switch (command.p1, command.p2) {
        case (0x04, 0x0C):
            // By AID. A failed SELECT leaves the current selection as it was (ISO/IEC 7816-4).
            guard command.data == CardInputSupportAP.aid else { return ResponseAPDU(statusWord: .fileNotFound) }
            resetSession()  // [fake] selecting the AP again starts a new security state
            applicationSelected = true
            return ResponseAPDU(statusWord: .success)
        case (0x02, 0x0C):
            // By FID, within the selected AP.
            guard command.data.count == 2 else { return ResponseAPDU(statusWord: .wrongLength) }
            let fid = UInt16(command.data[0]) << 8 | UInt16(command.data[1])
            guard applicationSelected, fid == CardInputSupportAP.File.pin || files[fid] != nil else {
                return ResponseAPDU(statusWord: .fileNotFound)
            }
            currentEF = fid
            return ResponseAPDU(statusWord: .success)
        default:
            return ResponseAPDU(statusWord: .incorrectP1P2)  // [fake] FCI/FCP answers are not offered
        }
    }

    private func verify(_ command: APDU) -> ResponseAPDU {
        guard command.p1 == 0x00, command.p2 == 0x80 else { return ResponseAPDU(statusWord: .incorrectP1P2) }
        // [fake] VERIFY refers to the PIN EF selected just before; anywhere else there is no PIN to check.
        guard applicationSelected, currentEF == CardInputSupportAP.File.pin else {
            return ResponseAPDU(statusWord: .commandNotAllowedNoCurrentEF)
        }
        if triesLeft == 0 { return ResponseAPDU(statusWord: .pinBlocked) }  // blocked for good: even the right PIN
        if command.data.isEmpty {
            // The status query: spends nothing. Already verified in this session: 90 00 (ISO/IEC 7816-4).
            return ResponseAPDU(statusWord: pinVerified ? .success : .wrongPIN(triesLeft: triesLeft))
        }
        // [fake] A PIN that is not 4 bytes is refused before the check, without spending a try.
        guard command.data.count == pin.count else { return ResponseAPDU(statusWord: .wrongLength) }
        pinAttempts += 1
        if command.data == pin {
            triesLeft = CardInputSupportAP.maximumPINTries
            pinVerified = true
            return ResponseAPDU(statusWord: .success)
        }
        triesLeft -= 1
        pinVerified = false
        return ResponseAPDU(statusWord: .wrongPIN(triesLeft: triesLeft))
    }

    private func readBinary(_ command: APDU) -> ResponseAPDU {
        // P1 bit 8 set would address a file by short EF identifier; [fake] only offsets are served.
        guard command.p1 & 0x80 == 0 else { return ResponseAPDU(statusWord: .incorrectP1P2) }
        guard applicationSelected, let ef = currentEF else { return ResponseAPDU(statusWord: .commandNotAllowedNoCurrentEF) }
        guard let content = files[ef] else { return ResponseAPDU(statusWord: .incompatibleFileStructure) }  // the PIN EF
        guard pinVerified else { return ResponseAPDU(statusWord: .securityStatusNotSatisfied) }
        guard let le = command.le else { return ResponseAPDU(statusWord: .wrongLength) }
        let offset = Int(command.p1) << 8 | Int(command.p2)
        guard offset < content.count else { return ResponseAPDU(statusWord: .wrongOffset) }
        let end = min(content.count, offset + le)
        return ResponseAPDU(
            data: Array(content[offset..<end]),
            statusWord: end - offset < le ? .endOfFileReached : .success)
    }
}
