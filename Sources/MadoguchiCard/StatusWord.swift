/// The two status bytes SW1 SW2 that end every response APDU (ISO/IEC 7816-4), with the meanings this
/// card protocol acts on. Anything else is `.unknown` and shown as hex, never guessed at.
public struct StatusWord: Hashable, Sendable {
    public let sw1: UInt8
    public let sw2: UInt8

    public init(sw1: UInt8, sw2: UInt8) {
        self.sw1 = sw1
        self.sw2 = sw2
    }

    public init(_ value: UInt16) {
        self.init(sw1: UInt8(value >> 8), sw2: UInt8(value & 0xFF))
    }

    public var value: UInt16 { UInt16(sw1) << 8 | UInt16(sw2) }

    /// What a status word tells the reading protocol.
    public enum Meaning: Hashable, Sendable {
        /// `90 00`.
        case success
        /// `63 Cx`: the PIN was wrong (or, after a VERIFY without data, not verified yet); x tries are left.
        /// `63 C0` means the try just spent was the last one.
        case wrongPIN(triesLeft: Int)
        /// `69 83` (authentication method blocked): the PIN has no tries left; only the city hall can reset it.
        /// `69 84` (reference data not usable) is read the same way: jpki/myna's Go reader (`_go/libmyna/reader.go`,
        /// `Verify`) reports it as "暗証番号がブロックされています".
        case pinBlocked
        /// `6A 82`: no such application or file (an unknown AID, or an EF this card does not have).
        case fileNotFound
        /// `69 82`: the file needs the PIN verified first.
        case securityStatusNotSatisfied
        /// `6C xx` (wrong Le; xx bytes are available, 00 = 256) or `67 xx` (wrong length, no hint).
        case wrongLength(exact: Int?)
        /// `62 82`: end of file reached before Le bytes; the data that exists comes with it.
        case endOfFileReached
        case unknown
    }

    public var meaning: Meaning {
        switch (sw1, sw2) {
        case (0x90, 0x00): .success
        case (0x63, let x) where x & 0xF0 == 0xC0: .wrongPIN(triesLeft: Int(x & 0x0F))
        case (0x69, 0x83), (0x69, 0x84): .pinBlocked
        case (0x6A, 0x82): .fileNotFound
        case (0x69, 0x82): .securityStatusNotSatisfied
        case (0x6C, let x): .wrongLength(exact: x == 0 ? 256 : Int(x))
        case (0x67, _): .wrongLength(exact: nil)
        case (0x62, 0x82): .endOfFileReached
        default: .unknown
        }
    }

    public var isSuccess: Bool { meaning == .success }

    // The status words the fake card answers with, named.
    public static let success = StatusWord(0x9000)
    public static let endOfFileReached = StatusWord(0x6282)
    public static let wrongLength = StatusWord(0x6700)
    public static let incompatibleFileStructure = StatusWord(0x6981)
    public static let securityStatusNotSatisfied = StatusWord(0x6982)
    public static let pinBlocked = StatusWord(0x6983)
    public static let commandNotAllowedNoCurrentEF = StatusWord(0x6986)
    public static let fileNotFound = StatusWord(0x6A82)
    public static let incorrectP1P2 = StatusWord(0x6A86)
    public static let wrongOffset = StatusWord(0x6B00)
    public static let instructionNotSupported = StatusWord(0x6D00)
    public static let classNotSupported = StatusWord(0x6E00)

    public static func wrongPIN(triesLeft: Int) -> StatusWord {
        StatusWord(sw1: 0x63, sw2: 0xC0 | UInt8(min(max(triesLeft, 0), 15)))
    }
}

extension StatusWord: CustomStringConvertible {
    /// `6A82`: the way status words are written in card documentation and in staff-facing error details.
    public var description: String { Hex.byte(sw1) + Hex.byte(sw2) }
}
