import Foundation

/// The golden byte files under Fixtures/: hex pairs, whitespace ignored, `#` to the end of a line is a comment.
/// The same files are meant for the CI card emulator behind vpcd, so it serves exactly what these tests check.
enum Fixtures {
    static func bytes(_ name: String) throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "hex", subdirectory: "Fixtures") else {
            throw Missing(name: name)
        }
        return try hex(String(contentsOf: url, encoding: .utf8))
    }

    struct Missing: Error { let name: String }
    struct BadHex: Error { let token: String }

    /// `"DF 22 0F"` → `[0xDF, 0x22, 0x0F]`, comments dropped.
    static func hex(_ text: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let code = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            for token in code.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }) {
                guard token.count == 2, let byte = UInt8(token, radix: 16) else { throw BadHex(token: String(token)) }
                bytes.append(byte)
            }
        }
        return bytes
    }
}
