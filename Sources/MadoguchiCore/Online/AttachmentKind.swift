/// The files a citizen may attach to an online application, recognised by their bytes — never by the
/// file name or the browser's content type, which anyone can set.
public enum AttachmentKind: String, CaseIterable, Sendable {
    case jpeg, png, pdf

    /// The largest file accepted.
    public static let maxBytes = 5 * 1024 * 1024

    public var mediaType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .pdf: "application/pdf"
        }
    }

    /// The kind of a file from its first bytes, or nil when it is none of the accepted kinds.
    public static func sniff(_ bytes: some Collection<UInt8>) -> AttachmentKind? {
        let head = Array(bytes.prefix(8))
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
        return nil
    }
}
