/// A BER-TLV tag (ISO/IEC 8825-1 §8.1.2, as used by ISO/IEC 7816-4): class, primitive or constructed, number.
///
/// Tags are compared by these three, not by their bytes, because the card writes some of them in a form DER
/// would reject (see `BERTLV` on `DF 10`).
public struct BERTag: Hashable, Sendable {
    public enum TagClass: UInt8, Hashable, Sendable {
        case universal = 0, application = 1, contextSpecific = 2, `private` = 3
    }

    public var tagClass: TagClass
    public var isConstructed: Bool
    public var number: UInt32

    public init(_ tagClass: TagClass, number: UInt32, constructed: Bool = false) {
        self.tagClass = tagClass
        self.number = number
        self.isConstructed = constructed
    }

    /// A private-class tag: every data object of the 券面事項入力補助AP is one.
    public static func `private`(_ number: UInt32, constructed: Bool = false) -> BERTag {
        BERTag(.private, number: number, constructed: constructed)
    }

    /// The shortest encoding: one byte for numbers below 31, else `x1F` followed by base-128 digits.
    public var encoded: [UInt8] {
        let first = tagClass.rawValue << 6 | (isConstructed ? 0x20 : 0)
        if number < 0x1F { return [first | UInt8(number)] }
        var digits: [UInt8] = [UInt8(number & 0x7F)]
        var rest = number >> 7
        while rest > 0 {
            digits.insert(UInt8(rest & 0x7F) | 0x80, at: 0)
            rest >>= 7
        }
        return [first | 0x1F] + digits
    }
}

extension BERTag: CustomStringConvertible {
    public var description: String {
        "\(tagClass) \(isConstructed ? "constructed " : "")\(number) (\(Hex.string(encoded)))"
    }
}

/// Why bytes are not a BER-TLV. Offsets count from the start of the bytes given to the parser; no error carries
/// the data itself, which may be personal.
public enum BERError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The tag or the length field runs past the end.
    case truncatedHeader(offset: Int)
    /// The value is declared longer than the bytes that follow: `missing` more would be needed.
    case valueRunsPastEnd(offset: Int, declared: Int, missing: Int)
    /// `80`: the indefinite form, which card files never use.
    case indefiniteLength(offset: Int)
    /// A length field of more than 4 bytes (`85` and up).
    case lengthTooLong(offset: Int)
    /// A tag number of more than 4 base-128 digits.
    case tagTooLong(offset: Int)

    public var description: String {
        switch self {
        case let .truncatedHeader(offset): "TLV tag or length at offset \(offset) runs past the end"
        case let .valueRunsPastEnd(offset, declared, missing):
            "TLV at offset \(offset) declares \(declared) value bytes but \(missing) of them are missing"
        case let .indefiniteLength(offset): "TLV at offset \(offset) uses the indefinite length form"
        case let .lengthTooLong(offset): "TLV at offset \(offset) has a length field longer than 4 bytes"
        case let .tagTooLong(offset): "TLV at offset \(offset) has a tag number longer than 4 bytes"
        }
    }
}

/// One BER-TLV data object with its value bytes exactly as on the card.
///
/// Parsing is tolerant in the ways real My Number cards need, learned from the open-source jpki/myna reader
/// (github.com/jpki/myna):
/// - Its Go version forked `encoding/asn1` and, in commit f705d7a "allow to decode ber" (2019), removed two DER
///   checks so card data would parse: "non-minimal tag" (a tag below 31 written in the two-byte form, e.g. the
///   個人番号's private tag 16 as `DF 10` rather than `D0`) and "superfluous leading zeros in length" (e.g. `82 00 9F`
///   for 159). Its Rust version's test `partial_decode` (src/reader.rs) uses exactly `FF 40 82 00 9F`, a card
///   header with a two-byte length although one would do. Both are accepted here.
/// - Lengths: short form (0–127), long form `81`–`84`; the indefinite form `80` is refused, as jpki/myna does.
/// - `00` and `FF` bytes before, between or after objects are padding (ISO/IEC 7816-4) — files are fixed
///   size and jpki/myna reads fixed sizes (17 bytes of EF 0001) and ignores what follows the object. Because the
///   card also uses `FF` as a real first tag byte (`FF 20`), an `FF` counts as padding only when the next byte is
///   `FF` or `00` or there is none.
/// - A length that runs past the end is an error (`BERError.valueRunsPastEnd`), never a crash.
public struct BERTLV: Hashable, Sendable {
    public var tag: BERTag
    /// The value bytes, exact: nothing is trimmed, decoded or normalised.
    public var value: [UInt8]

    public init(tag: BERTag, value: [UInt8]) {
        self.tag = tag
        self.value = value
    }

    /// A constructed object holding `children`, encoded with minimal lengths.
    public init(tag: BERTag, children: [BERTLV]) {
        self.init(tag: tag, value: children.flatMap { $0.encoded() })
    }

    /// The data objects inside a constructed object's value, parsed with the same tolerance.
    public func children() throws(BERError) -> [BERTLV] {
        try BERTLV.parseAll(value)
    }

    // MARK: Parsing

    /// Tag and length of the object at the start of `bytes`, without needing its value: what a reader learns from
    /// the first few bytes of a file before reading the rest.
    public struct Header: Hashable, Sendable {
        public var tag: BERTag
        /// Bytes of tag plus length field.
        public var headerLength: Int
        public var valueLength: Int
        /// Bytes of the whole object: header and value.
        public var totalLength: Int { headerLength + valueLength }
    }

    /// Reads tag and length at `offset`; the value may be missing.
    public static func header(in bytes: [UInt8], at offset: Int = 0) throws(BERError) -> Header {
        var i = offset
        func next() throws(BERError) -> UInt8 {
            guard i < bytes.count else { throw .truncatedHeader(offset: offset) }
            defer { i += 1 }
            return bytes[i]
        }
        let first = try next()
        var number = UInt32(first & 0x1F)
        if number == 0x1F {
            // High-tag-number form: base-128 digits, bit 8 set on all but the last. A number below 31 here is
            // non-minimal (DER refuses it); the card does it, so it is accepted.
            number = 0
            var digits = 0
            var byte: UInt8
            repeat {
                byte = try next()
                digits += 1
                guard digits <= 4 else { throw .tagTooLong(offset: offset) }
                number = number << 7 | UInt32(byte & 0x7F)
            } while byte & 0x80 != 0
        }
        let tag = BERTag(BERTag.TagClass(rawValue: first >> 6)!, number: number, constructed: first & 0x20 != 0)

        let lengthByte = try next()
        var length = 0
        if lengthByte < 0x80 {
            length = Int(lengthByte)
        } else if lengthByte == 0x80 {
            throw .indefiniteLength(offset: offset)
        } else {
            let count = Int(lengthByte & 0x7F)
            guard count <= 4 else { throw .lengthTooLong(offset: offset) }
            for _ in 0..<count { length = length << 8 | Int(try next()) }  // leading zeros accepted
        }
        return Header(tag: tag, headerLength: i - offset, valueLength: length)
    }

    /// Every data object in `bytes`, skipping `00`/`FF` padding around them.
    public static func parseAll(_ bytes: [UInt8]) throws(BERError) -> [BERTLV] {
        var objects: [BERTLV] = []
        var i = 0
        while i < bytes.count {
            if isPadding(bytes, at: i) {
                i += 1
                continue
            }
            let header = try header(in: bytes, at: i)
            let start = i + header.headerLength
            let available = bytes.count - start
            guard header.valueLength <= available else {
                throw .valueRunsPastEnd(offset: i, declared: header.valueLength, missing: header.valueLength - available)
            }
            objects.append(BERTLV(tag: header.tag, value: Array(bytes[start..<(start + header.valueLength)])))
            i = start + header.valueLength
        }
        return objects
    }

    /// The first data object in `bytes` (after any leading padding); trailing bytes are ignored.
    public static func parseFirst(_ bytes: [UInt8]) throws(BERError) -> BERTLV? {
        try firstObject(in: bytes)?.object
    }

    /// The first data object and where its encoding lies in `bytes`, for callers that need the original bytes
    /// (a signature covers them, not a re-encoding).
    public static func firstObject(in bytes: [UInt8]) throws(BERError) -> (object: BERTLV, range: Range<Int>)? {
        var i = 0
        while i < bytes.count, isPadding(bytes, at: i) { i += 1 }
        guard i < bytes.count else { return nil }
        let header = try header(in: bytes, at: i)
        let start = i + header.headerLength
        let available = bytes.count - start
        guard header.valueLength <= available else {
            throw .valueRunsPastEnd(offset: i, declared: header.valueLength, missing: header.valueLength - available)
        }
        let end = start + header.valueLength
        return (BERTLV(tag: header.tag, value: Array(bytes[start..<end])), i..<end)
    }

    /// `00` is never a tag's first byte (universal 0 is end-of-contents, meaningless here); `FF` is a real tag's
    /// first byte on this card (`FF 20`), so it is padding only when followed by padding or nothing.
    private static func isPadding(_ bytes: [UInt8], at i: Int) -> Bool {
        switch bytes[i] {
        case 0x00: true
        case 0xFF: i + 1 == bytes.count || bytes[i + 1] == 0xFF || bytes[i + 1] == 0x00
        default: false
        }
    }

    // MARK: Encoding

    /// How the length field is written: `.minimal` (DER), or always `82 hh ll`, the way the card writes its
    /// container lengths (inferred from jpki/myna's `FF 40 82 00 9F` sample).
    public enum LengthForm: Hashable, Sendable {
        case minimal
        case twoBytes
    }

    public func encoded(lengthForm: LengthForm = .minimal) -> [UInt8] {
        tag.encoded + BERTLV.lengthField(value.count, form: lengthForm) + value
    }

    static func lengthField(_ length: Int, form: LengthForm) -> [UInt8] {
        precondition(length >= 0 && length <= 0xFFFF_FFFF)
        if form == .twoBytes, length <= 0xFFFF { return [0x82, UInt8(length >> 8), UInt8(length & 0xFF)] }
        if length < 0x80 { return [UInt8(length)] }
        var digits: [UInt8] = []
        var rest = length
        while rest > 0 {
            digits.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        }
        return [0x80 | UInt8(digits.count)] + digits
    }
}
