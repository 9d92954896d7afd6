/// The citizen's own address behind a reverse proxy, and the key their limits are counted under.
///
/// `X-Forwarded-For` is believed only when the connection comes from a configured proxy
/// (`MADOGUCHI_TRUSTED_PROXIES`); then the list is read from the right, skipping the trusted proxies, and the
/// first other address is the client's. Anyone else could write any address into that header. IPv6 clients
/// are counted by their /64: one household's devices (and one attacker's) share a prefix, not an address.
public struct TrustedProxies: Sendable, Equatable {
    public let networks: [IPNetwork]

    public init(networks: [IPNetwork] = []) { self.networks = networks }

    /// `10.0.0.1, 192.168.0.0/16, ::1`; nil with the first entry that is not an address or a network.
    public init?(list: String) {
        var networks: [IPNetwork] = []
        for entry in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            guard let network = IPNetwork(entry) else { return nil }
            networks.append(network)
        }
        self.networks = networks
    }

    public func trusts(_ address: IPAddress) -> Bool { networks.contains { $0.contains(address) } }

    /// The client of a connection from `peer` that carried `forwardedFor` (comma-separated, left = oldest).
    public func client(peer: String?, forwardedFor: [String]) -> String? {
        guard let peerText = peer, let peerAddress = IPAddress(peerText) else { return peer }
        guard trusts(peerAddress) else { return peerAddress.description }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        var client = peerAddress
        for hop in hops.reversed() {
            guard let address = IPAddress(hop) else { break }  // garbage ends what can be believed
            client = address
            if !trusts(address) { break }
        }
        return client.description
    }

    /// The key a limit counts under: the address itself for IPv4, its /64 for IPv6.
    public static func limitKey(_ address: String?) -> String {
        guard let address, let parsed = IPAddress(address) else { return address ?? "unknown" }
        switch parsed {
        case .v4: return parsed.description
        case .v6(let bytes): return IPAddress.v6(Array(bytes.prefix(8)) + Array(repeating: 0, count: 8)).description + "/64"
        }
    }
}

/// An IPv4 or IPv6 address, parsed strictly.
public enum IPAddress: Sendable, Equatable, CustomStringConvertible {
    case v4([UInt8])
    case v6([UInt8])

    public init?(_ text: String) {
        var text = Substring(text)
        if text.hasPrefix("["), text.hasSuffix("]") { text = text.dropFirst().dropLast() }
        if let zone = text.firstIndex(of: "%") { text = text[..<zone] }
        if text.contains(":") {
            guard let bytes = Self.parseV6(text) else { return nil }
            // An IPv4-mapped address (::ffff:a.b.c.d) is the IPv4 client it maps.
            if bytes.prefix(10).allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
                self = .v4(Array(bytes.suffix(4)))
            } else {
                self = .v6(bytes)
            }
        } else {
            guard let bytes = Self.parseV4(text) else { return nil }
            self = .v4(bytes)
        }
    }

    var bytes: [UInt8] {
        switch self {
        case .v4(let bytes), .v6(let bytes): bytes
        }
    }

    public var description: String {
        switch self {
        case .v4(let bytes):
            return bytes.map(String.init).joined(separator: ".")
        case .v6(let bytes):
            let groups = stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
            return groups.joined(separator: ":")
        }
    }

    private static func parseV4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(\.isASCII), let value = UInt8(part) else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    private static func parseV6(_ text: Substring) -> [UInt8]? {
        var halves = [String(text)]
        if let gap = text.firstRange(of: "::") {
            halves = [String(text[..<gap.lowerBound]), String(text[gap.upperBound...])]
            guard !halves[1].contains("::") else { return nil }
        }
        func groups(_ part: String) -> [UInt8]? {
            guard !part.isEmpty else { return [] }
            var bytes: [UInt8] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index == pieces.count - 1, piece.contains(".") {
                    guard let v4 = parseV4(piece) else { return nil }
                    bytes += v4
                } else {
                    guard (1...4).contains(piece.count), let value = UInt16(piece, radix: 16) else { return nil }
                    bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
                }
            }
            return bytes
        }
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 { return head.count == 16 ? head : nil }
        guard let tail = groups(halves[1]), head.count + tail.count < 16 else { return nil }
        return head + Array(repeating: 0, count: 16 - head.count - tail.count) + tail
    }
}

/// An address with a prefix length (`192.168.0.0/16`, `fd00::/8`); a bare address is a network of one.
public struct IPNetwork: Sendable, Equatable {
    public let address: IPAddress
    public let prefix: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard let first = parts.first, let address = IPAddress(first) else { return nil }
        let width = address.bytes.count * 8
        if parts.count == 2 {
            guard let prefix = Int(parts[1]), (0...width).contains(prefix) else { return nil }
            self.prefix = prefix
        } else {
            self.prefix = width
        }
        self.address = address
    }

    public func contains(_ other: IPAddress) -> Bool {
        let mine = address.bytes, theirs = other.bytes
        guard mine.count == theirs.count else { return false }
        var bits = prefix
        for index in 0..<mine.count where bits > 0 {
            let mask: UInt8 = bits >= 8 ? 0xFF : ~(0xFF >> UInt8(bits))
            if mine[index] & mask != theirs[index] & mask { return false }
            bits -= 8
        }
        return true
    }
}
