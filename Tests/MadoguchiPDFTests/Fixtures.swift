import Foundation
@testable import MadoguchiPDF

/// Shared inputs: the synthetic font (always there) and IPAex Gothic (when installed).
enum Fixtures {
    /// Parsed once for the whole run, as the server does.
    static let ipaex: TrueTypeFont? = TrueTypeFont.findIPAexGothic()
    static let ipaexMissing = "IPAex Gothic is not installed (apt-get install fonts-ipaexfont)"

    static let ipaexPath = "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"
    /// The raw IPAex file, for mutation tests.
    static let ipaexBytes: [UInt8]? = FileManager.default.contents(atPath: ipaexPath).map { [UInt8]($0) }

    static let testFontBytes = TestFont.make()
    static func testFont() throws -> TrueTypeFont { try TrueTypeFont(data: testFontBytes) }

    /// 2026-04-01T00:00:00Z, built through Foundation so the library's own date code is not trusted.
    static let fixedDate: Date = ISO8601DateFormatter().date(from: "2026-04-01T00:00:00Z") ?? Date(timeIntervalSince1970: 0)
}

/// A seeded generator, so a failing fuzz case is reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Byte-level helpers for reading our own (uncompressed) PDF output.
extension Array where Element == UInt8 {
    func firstIndex(of needle: String, from start: Int = 0) -> Int? {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty, count >= pattern.count, start <= count - pattern.count else { return nil }
        var index = Swift.max(0, start)
        while index <= count - pattern.count {
            if self[index] == pattern[0], self[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }

    func lastIndex(of needle: String) -> Int? {
        let pattern = Array(needle.utf8)
        guard count >= pattern.count else { return nil }
        var index = count - pattern.count
        while index >= 0 {
            if self[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
            index -= 1
        }
        return nil
    }

    /// The ASCII text of the PDF with binary stream bytes replaced, for searching with String APIs.
    var latin1Text: String { String(decoding: map { $0 < 0x80 ? $0 : UInt8(ascii: "?") }, as: UTF8.self) }
}

/// What a rendered PDF says: its /ToUnicode mappings and the codes its pages show.
struct RenderedPDF {
    let bytes: [UInt8]
    var text: String { bytes.latin1Text }

    /// Every `<code> <unicode>` pair of the bfchar blocks, hex upper-case.
    var toUnicode: [String: String] {
        var map: [String: String] = [:]
        for block in text.components(separatedBy: "beginbfchar").dropFirst() {
            let body = block.components(separatedBy: "endbfchar")[0]
            for line in body.split(separator: "\n") {
                let parts = line.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "<>")) }
                if parts.count == 2 { map[parts[0]] = parts[1] }
            }
        }
        return map
    }

    /// The 4-hex-digit codes shown by each `<…> Tj`, in drawing order.
    var shownCodes: [[String]] {
        var shown: [[String]] = []
        for piece in text.components(separatedBy: "> Tj").dropLast() {
            guard let open = piece.lastIndex(of: "<") else { continue }
            let hex = Array(piece[piece.index(after: open)...])
            shown.append(stride(from: 0, to: hex.count, by: 4).map { String(hex[$0..<Swift.min($0 + 4, hex.count)]) })
        }
        return shown
    }

    /// The text a `/ToUnicode` target stands for.
    static func decodeUTF16Hex(_ hex: String) -> String {
        let digits = Array(hex)
        var units: [UInt16] = []
        var index = 0
        while index + 4 <= digits.count {
            units.append(UInt16(String(digits[index..<(index + 4)]), radix: 16) ?? 0)
            index += 4
        }
        return String(decoding: units, as: UTF16.self)
    }
}
