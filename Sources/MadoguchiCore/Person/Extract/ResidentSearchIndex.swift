/// The folded search keys of a whole register, held in memory: finding a part of a name among 100,000
/// residents is a scan of a few megabytes of UTF-8, a few milliseconds, where a database scans and decodes
/// whole rows. The server keeps one per instance and rebuilds it when the copy's version changes.
public struct ResidentSearchIndex: Sendable {
    private struct Entry: Sendable {
        let code: String
        /// Name, アルファベット表記 and reading keys, UTF-8.
        let name: [UInt8]
        let alphabet: [UInt8]
        let kana: [UInt8]
    }

    private let entries: [Entry]
    /// The copy's version the index was built from.
    public let version: Int

    public var count: Int { entries.count }

    /// `keys` in register order.
    public init(version: Int, keys: [(code: String, keys: ResidentSearchKeys)]) {
        self.version = version
        entries = keys.map { Entry(code: $0.code, name: Array($0.keys.name.utf8), alphabet: Array($0.keys.alphabet.utf8),
                                   kana: Array($0.keys.kana.utf8)) }
    }

    /// The 住民票コード of residents whose name or アルファベット表記 contains `key`, or whose reading contains
    /// `reading`, in register order, at most `limit` — as `ResidentRegistry.search` matches them. (Both keys are
    /// valid UTF-8 in canonical composition, so a byte match is a character match.)
    public func codes(name key: String, reading: String?, limit: Int) -> [String] {
        let name = Array(key.utf8), kana = reading.map { Array($0.utf8) }
        guard !name.isEmpty else { return [] }
        var found: [String] = []
        for entry in entries where Self.contains(entry.name, name) || Self.contains(entry.alphabet, name)
            || kana.map({ Self.contains(entry.kana, $0) }) ?? false {
            found.append(entry.code)
            if found.count >= limit { break }
        }
        return found
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        let first = needle[0]
        var start = 0
        let last = haystack.count - needle.count
        while start <= last {
            if haystack[start] == first {
                var matched = true
                for offset in 1..<needle.count where haystack[start + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return true }
            }
            start += 1
        }
        return false
    }
}
