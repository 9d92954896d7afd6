/// The font's PostScript name (name id 6) and italic/pitch facts from 'post'.
///
/// The PostScript name becomes the PDF `/BaseFont` after the subset tag, so it is reduced to
/// the printable ASCII that a PDF name may hold without escapes.
struct FontNaming: Sendable {
    let postScriptName: String
    let italicAngle: Double
    let isFixedPitch: Bool

    init(name: FontTable?, post: FontTable?) {
        postScriptName = name.flatMap(Self.postScriptName(in:)) ?? "EmbeddedFont"
        if let post, let fixed = try? post.uint32(4), let pitch = try? post.uint32(12) {
            italicAngle = Double(Int32(bitPattern: fixed)) / 65536
            isFixedPitch = pitch != 0
        } else {
            italicAngle = 0
            isFixedPitch = false
        }
    }

    private static func postScriptName(in name: FontTable) -> String? {
        guard let count = try? name.uint16(2), let storage = try? name.uint16(4) else { return nil }
        for index in 0..<Int(count) {
            let record = 6 + index * 12
            guard let platform = try? name.uint16(record), let encoding = try? name.uint16(record + 2),
                  let nameID = try? name.uint16(record + 6), let length = try? name.uint16(record + 8),
                  let offset = try? name.uint16(record + 10), nameID == 6 else { continue }
            let start = Int(storage) + Int(offset)
            guard (try? name.require(start, Int(length))) != nil else { continue }
            let raw = name.file[(name.offset + start)..<(name.offset + start + Int(length))]
            let text: String
            switch (platform, encoding) {
            case (3, 1), (0, _):
                var units: [UInt16] = []
                var index = raw.startIndex
                while index + 1 < raw.endIndex {
                    units.append(UInt16(raw[index]) << 8 | UInt16(raw[index + 1]))
                    index += 2
                }
                text = String(decoding: units, as: UTF16.self)
            case (1, 0):
                text = String(decoding: raw, as: UTF8.self)
            default:
                continue
            }
            let cleaned = String(text.unicodeScalars.filter(Self.isNameCharacter).map(Character.init))
            if !cleaned.isEmpty { return String(cleaned.prefix(63)) }
        }
        return nil
    }

    /// Printable ASCII without the PDF delimiters and '#'.
    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value > 0x20 && scalar.value < 0x7F && !"()<>[]{}/%#".unicodeScalars.contains(scalar)
    }
}
