/// A command APDU (ISO/IEC 7816-4): the header CLA INS P1 P2, optional command data (Lc + data) and an
/// optional expected response length (Le).
///
/// Only short APDUs are encoded: the 券面事項入力補助AP never needs more than 255 bytes of command data or more
/// than 256 bytes of response per command, and short APDUs work with every PC/SC reader and with vpcd.
public struct APDU: Hashable, Sendable {
    public var cla: UInt8
    public var ins: UInt8
    public var p1: UInt8
    public var p2: UInt8
    /// Command data (sent with Lc). Empty means no Lc field at all, which is what makes a VERIFY a status query.
    public var data: [UInt8]
    /// Ne, the number of response bytes expected: nil means no Le field; 1...256 otherwise (256 is written `00`).
    public var le: Int?

    public init(cla: UInt8 = 0x00, ins: UInt8, p1: UInt8, p2: UInt8, data: [UInt8] = [], le: Int? = nil) {
        self.cla = cla
        self.ins = ins
        self.p1 = p1
        self.p2 = p2
        self.data = data
        self.le = le
    }

    /// Why bytes and an `APDU` could not be converted into each other.
    public enum EncodingError: Error, Hashable, Sendable, CustomStringConvertible {
        /// More than 255 bytes of command data: would need an extended APDU.
        case dataTooLong(byteCount: Int)
        /// Le outside 1...256: would need an extended APDU (or is meaningless).
        case leOutOfRange(Int)
        /// Received bytes that are not a short APDU (too short, Lc disagreeing with the length, extended form).
        case malformed(byteCount: Int)

        public var description: String {
            switch self {
            case let .dataTooLong(count): "APDU command data of \(count) bytes does not fit a short APDU (max 255)"
            case let .leOutOfRange(le): "APDU Le \(le) is outside 1...256"
            case let .malformed(count): "\(count) bytes are not a short command APDU"
            }
        }
    }

    /// The bytes on the wire: case 1 (header), 2 (+Le), 3 (+Lc data) or 4 (+Lc data Le).
    public func encoded() throws(EncodingError) -> [UInt8] {
        guard data.count <= 255 else { throw .dataTooLong(byteCount: data.count) }
        var bytes = [cla, ins, p1, p2]
        if !data.isEmpty {
            bytes.append(UInt8(data.count))
            bytes += data
        }
        if let le {
            guard (1...256).contains(le) else { throw .leOutOfRange(le) }
            bytes.append(UInt8(truncatingIfNeeded: le))  // 256 becomes 00, as ISO 7816-4 says
        }
        return bytes
    }

    /// Reads a short command APDU, as a card (or the emulator behind vpcd) receives it.
    public init(bytes: [UInt8]) throws(EncodingError) {
        guard bytes.count >= 4 else { throw .malformed(byteCount: bytes.count) }
        self.init(cla: bytes[0], ins: bytes[1], p1: bytes[2], p2: bytes[3])
        switch bytes.count {
        case 4:
            return  // case 1
        case 5:
            le = bytes[4] == 0 ? 256 : Int(bytes[4])  // case 2
        default:
            let lc = Int(bytes[4])
            // Lc = 00 followed by more bytes is the extended form, which this card protocol never uses.
            guard lc > 0 else { throw .malformed(byteCount: bytes.count) }
            let body = bytes.count - 5
            if body == lc {
                data = Array(bytes[5...])  // case 3
            } else if body == lc + 1 {
                data = Array(bytes[5..<(5 + lc)])  // case 4
                le = bytes[bytes.count - 1] == 0 ? 256 : Int(bytes[bytes.count - 1])
            } else {
                throw .malformed(byteCount: bytes.count)
            }
        }
    }

    /// Instructions whose command data is a secret (VERIFY, CHANGE REFERENCE DATA, RESET RETRY COUNTER): their data
    /// is never shown by `description` or a mirror, so a command can be printed in a trace without leaking a PIN.
    public var carriesSecret: Bool { [0x20, 0x24, 0x2C].contains(ins) }
}

extension APDU: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Hex bytes, with the data of a PIN-carrying command replaced by `**`.
    public var description: String {
        var parts = [cla, ins, p1, p2].map(Hex.byte)
        if !data.isEmpty {
            parts.append(Hex.byte(UInt8(truncatingIfNeeded: data.count)))
            parts += carriesSecret ? Array(repeating: "**", count: data.count) : data.map(Hex.byte)
        }
        if let le { parts.append(Hex.byte(UInt8(truncatingIfNeeded: le))) }
        return parts.joined(separator: " ")
    }

    public var debugDescription: String { "APDU(\(description))" }

    public var customMirror: Mirror {
        Mirror(self, children: ["bytes": description], displayStyle: .struct)
    }
}

// MARK: - The commands of the 券面事項入力補助AP

extension APDU {
    /// SELECT by DF name (AID), no FCI wanted: `00 A4 04 0C Lc AID`.
    public static func selectApplication(_ aid: [UInt8]) -> APDU {
        APDU(ins: 0xA4, p1: 0x04, p2: 0x0C, data: aid)
    }

    /// SELECT an EF of the current application by its 2-byte file identifier: `00 A4 02 0C 02 FID`.
    public static func selectFile(_ fid: UInt16) -> APDU {
        APDU(ins: 0xA4, p1: 0x02, p2: 0x0C, data: [UInt8(fid >> 8), UInt8(fid & 0xFF)])
    }

    /// VERIFY without data: asks how many tries the selected PIN has left (answer `63 Cx`) without spending one.
    /// P2 = 80: "specific reference data" of the current DF, the PIN EF selected just before.
    public static var pinStatusQuery: APDU {
        APDU(ins: 0x20, p1: 0x00, p2: 0x80)
    }

    /// VERIFY with the PIN as ASCII digits: spends a try when wrong.
    public static func verify(_ pin: CardPIN) -> APDU {
        APDU(ins: 0x20, p1: 0x00, p2: 0x80, data: pin.asciiDigits)
    }

    /// READ BINARY of the current EF from `offset` (15 bits: P1 bit 8 clear means "offset", not a short EF id).
    public static func readBinary(offset: Int, count: Int) -> APDU {
        precondition((0...0x7FFF).contains(offset), "READ BINARY offset beyond 15 bits")
        return APDU(ins: 0xB0, p1: UInt8(offset >> 8), p2: UInt8(offset & 0xFF), le: count)
    }
}

/// Two-digit uppercase hex, as APDU traces are written in specifications.
enum Hex {
    static func byte(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(b >> 4)], digits[Int(b & 0x0F)]])
    }

    static func string(_ bytes: some Sequence<UInt8>, separator: String = " ") -> String {
        bytes.map(byte).joined(separator: separator)
    }
}
