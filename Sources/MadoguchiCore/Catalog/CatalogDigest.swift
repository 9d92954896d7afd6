/// A short, stable digest of the catalog files (FNV-1a 64 over paths and contents, sorted by path).
/// Not cryptographic: it names a version of the rules, it does not protect them.
enum CatalogDigest {
    static func of(_ files: [String: String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for path in files.keys.sorted() {
            for byte in path.utf8 + [0] + (files[path] ?? "").utf8 + [0] {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
