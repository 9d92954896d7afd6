/// The reading protocol of the 券面事項入力補助AP over any `CardTransport`.
///
/// Built so that it cannot lock a citizen's card: it asks how many PIN tries are left before sending the PIN,
/// refuses to send it when none are, sends it at most once per `read` call (never retries on its own: a retry
/// with the same wrong PIN would burn a second try), and flags the last try. It never logs; it reports through
/// its results and `MyNumberCardError`, which carry neither the PIN nor the 個人番号.
///
/// ```swift
/// let reader = MyNumberCardReader(transport: transport)
/// let status = try await reader.pinStatus()          // show "残り1回" before the citizen types
/// let reading = try await reader.read(pin: pin, includeMyNumber: false)
/// ```
public struct MyNumberCardReader: Sendable {
    public let transport: any CardTransport

    public init(transport: any CardTransport) {
        self.transport = transport
    }

    /// The PIN's state before anything is spent.
    public struct PINStatus: Hashable, Sendable {
        /// Tries left; nil when the card answered the query with `90 00` (PIN already verified in this session,
        /// so the card did not say).
        public var triesLeft: Int?
        public var isBlocked: Bool { triesLeft == 0 }
        /// One try left: the agent must warn before letting the citizen type.
        public var isLastTry: Bool { triesLeft == 1 }
    }

    /// What one `read` gave.
    public struct Reading: Hashable, Sendable {
        public var basicFourItems: BasicFourItems
        /// Only when `includeMyNumber` was asked; redacted in every description.
        public var individualNumber: IndividualNumber?
        /// Tries left when the reader checked, just before sending the PIN.
        public var triesLeftBeforeVerify: Int?
        /// The PIN was sent with a single try left (it was right, and the card reset its counter; staff should
        /// still hear that the citizen was one mistake from a lock).
        public var lastTryWarning: Bool
    }

    /// Selects the AP and asks for the tries left, spending none. For the agent to show before the PIN prompt.
    public func pinStatus() async throws(MyNumberCardError) -> PINStatus {
        try await selectApplication()
        return try await queryPINStatus()
    }

    /// Selects the AP, checks the tries left, verifies `pin` once, reads the four basic items and, only when
    /// `includeMyNumber` (a 個人番号利用事務 procedure and staff asked), the 個人番号.
    public func read(pin: CardPIN, includeMyNumber: Bool) async throws(MyNumberCardError) -> Reading {
        try await selectApplication()
        let status = try await queryPINStatus()
        if status.isBlocked { throw .pinBlocked }  // sending it would change nothing but could only do harm

        let verified = try await send(.verify(pin))
        switch verified.statusWord.meaning {
        case .success: break
        case let .wrongPIN(triesLeft): throw .wrongPIN(triesLeft: triesLeft)
        case .pinBlocked: throw .pinBlocked
        default: throw .unexpectedStatus(step: .verifyPIN, verified.statusWord)
        }

        let ef0002 = try await readFile(CardInputSupportAP.File.basicFourItems, step: .selectBasicFourItems)
        let items: BasicFourItems
        do { items = try BasicFourItems(ef0002: ef0002) } catch { throw .unreadableData(error) }

        var number: IndividualNumber?
        if includeMyNumber {
            let bytes = try await readFile(CardInputSupportAP.File.individualNumber, step: .selectIndividualNumber)
            do { number = try IndividualNumber(ef0001: bytes) } catch { throw .unreadableData(error) }
        }
        return Reading(
            basicFourItems: items, individualNumber: number, triesLeftBeforeVerify: status.triesLeft,
            lastTryWarning: status.isLastTry)
    }

    /// Convenience for a PIN typed as text: refuses a malformed one before touching the card.
    public func read(pin: String, includeMyNumber: Bool) async throws(MyNumberCardError) -> Reading {
        guard let pin = CardPIN(pin) else { throw .invalidPINFormat }
        return try await read(pin: pin, includeMyNumber: includeMyNumber)
    }

    // MARK: Steps

    private func selectApplication() async throws(MyNumberCardError) {
        let response = try await send(.selectApplication(CardInputSupportAP.aid))
        guard response.statusWord.isSuccess else { throw .notAMyNumberCard(response.statusWord) }
    }

    /// SELECT EF 0011, then VERIFY without data: `63 Cx` says x tries are left and spends none.
    private func queryPINStatus() async throws(MyNumberCardError) -> PINStatus {
        let selected = try await send(.selectFile(CardInputSupportAP.File.pin))
        guard selected.statusWord.isSuccess else { throw .unexpectedStatus(step: .selectPINFile, selected.statusWord) }
        let response = try await send(.pinStatusQuery)
        switch response.statusWord.meaning {
        case let .wrongPIN(triesLeft): return PINStatus(triesLeft: triesLeft)
        case .pinBlocked: return PINStatus(triesLeft: 0)
        case .success: return PINStatus(triesLeft: nil)
        default: throw .unexpectedStatus(step: .checkPINTries, response.statusWord)
        }
    }

    /// Selects an EF and reads the TLV object it starts with: a few bytes first to learn the length (short or
    /// long form), then exactly the rest — as jpki/myna's `read_binary_all` does — so padding after the object
    /// is never read.
    private func readFile(_ fid: UInt16, step: CardReadingStep) async throws(MyNumberCardError) -> [UInt8] {
        let selected = try await send(.selectFile(fid))
        guard selected.statusWord.isSuccess else { throw .unexpectedStatus(step: step, selected.statusWord) }

        var (bytes, atEnd) = try await readBinary(offset: 0, count: CardInputSupportAP.headProbeLength)
        let header: BERTLV.Header
        do { header = try BERTLV.header(in: bytes) } catch { throw .unreadableData(.tlv(error)) }
        let total = header.totalLength
        // READ BINARY offsets have 15 bits; a larger length is corrupt data, not something to try reading.
        guard total <= MyNumberCardReader.maximumFileLength else {
            throw .unreadableData(.fileLengthImplausible(declared: total))
        }
        while bytes.count < total {
            // The card said the file ended, or gave nothing: asking again would only loop or hit 6B00.
            guard !atEnd else { throw .unreadableData(.fileShorterThanDeclared(declared: total, read: bytes.count)) }
            let chunk: [UInt8]
            (chunk, atEnd) = try await readBinary(offset: bytes.count, count: min(MyNumberCardReader.maximumChunk, total - bytes.count))
            if chunk.isEmpty { atEnd = true }
            bytes += chunk
        }
        return Array(bytes.prefix(total))
    }

    /// One READ BINARY, and whether the card said the file ended there. `62 82` (end of file before Le bytes)
    /// still brings the bytes that exist; `6C xx` (the card naming the Le it wants) is asked again once with it.
    private func readBinary(offset: Int, count: Int) async throws(MyNumberCardError) -> (data: [UInt8], atEnd: Bool) {
        var response = try await send(.readBinary(offset: offset, count: count))
        if case let .wrongLength(exact?) = response.statusWord.meaning {
            response = try await send(.readBinary(offset: offset, count: exact))
        }
        switch response.statusWord.meaning {
        case .success: return (Array(response.data.prefix(count)), false)
        case .endOfFileReached: return (Array(response.data.prefix(count)), true)
        default: throw .unexpectedStatus(step: .readBinary, response.statusWord)
        }
    }

    /// One exchange, with transport failures turned into the reader's errors.
    private func send(_ command: APDU) async throws(MyNumberCardError) -> ResponseAPDU {
        do {
            return try await transport.transmit(command)
        } catch let error as CardTransportError {
            switch error {
            case .noCard: throw .noCard
            case .cardRemoved: throw .cardRemoved
            case .readerGone: throw .readerUnavailable
            case .failed: throw .communicationFailed
            }
        } catch {
            throw .communicationFailed
        }
    }

    /// Largest Le of a short APDU (written `00`), the chunk jpki/myna reads too.
    static let maximumChunk = 256
    /// READ BINARY's 15-bit offset bounds any file this protocol can read.
    static let maximumFileLength = 0x8000
}
