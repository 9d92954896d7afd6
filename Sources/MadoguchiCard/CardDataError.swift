/// Why the bytes read from the card are not the data the AP should hold. Descriptions name the item and the
/// offset, never the bytes, since those are personal data.
public enum CardDataError: Error, Hashable, Sendable, CustomStringConvertible {
    case tlv(BERError)
    /// The EF 0002 container (`FF 20`) is not where the file starts.
    case missingContainer
    case missingItem(String)
    case malformedItem(String)
    /// The file declares more bytes than it has, or more than a file of this AP can hold.
    case fileLengthImplausible(declared: Int)
    /// The card stopped answering with data before the declared length was read.
    case fileShorterThanDeclared(declared: Int, read: Int)

    public var description: String {
        switch self {
        case let .tlv(error): "card data is not valid BER-TLV: \(error)"
        case .missingContainer: "EF 0002 does not start with the four-items container (private tag 32, FF 20)"
        case let .missingItem(item): "card data has no \(item)"
        case let .malformedItem(item): "card data holds a malformed \(item)"
        case let .fileLengthImplausible(declared): "card file declares an implausible length of \(declared) bytes"
        case let .fileShorterThanDeclared(declared, read): "card file ended after \(read) of \(declared) declared bytes"
        }
    }
}
