/// A response APDU: the response data followed by the status word SW1 SW2.
public struct ResponseAPDU: Hashable, Sendable {
    /// Response data. It can be the 個人番号 or a name, so `description` shows only its length.
    public var data: [UInt8]
    public var statusWord: StatusWord

    public init(data: [UInt8] = [], statusWord: StatusWord) {
        self.data = data
        self.statusWord = statusWord
    }

    /// Fewer than the two status bytes: the card (or the reader) sent nothing usable.
    public struct TooShort: Error, Hashable, Sendable, CustomStringConvertible {
        public let byteCount: Int
        public var description: String { "a response APDU needs at least 2 bytes (SW1 SW2), got \(byteCount)" }
    }

    /// Splits what `SCardTransmit` (or vpcd) returns into data and status word.
    public init(bytes: [UInt8]) throws(TooShort) {
        guard bytes.count >= 2 else { throw TooShort(byteCount: bytes.count) }
        self.init(data: Array(bytes.dropLast(2)), statusWord: StatusWord(sw1: bytes[bytes.count - 2], sw2: bytes[bytes.count - 1]))
    }

    /// The bytes on the wire: data then SW1 SW2.
    public var bytes: [UInt8] { data + [statusWord.sw1, statusWord.sw2] }
}

extension ResponseAPDU: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "ResponseAPDU(\(data.count) data bytes, SW \(statusWord))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["dataCount": data.count, "statusWord": statusWord], displayStyle: .struct)
    }
}
