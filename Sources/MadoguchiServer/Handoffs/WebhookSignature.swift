import Crypto
import Foundation

/// The Standard Webhooks signature (standardwebhooks.com): `webhook-signature: v1,<base64 HMAC-SHA256 of
/// "id.timestamp.body">`, with the key the base64 after `whsec_`. During a rotation the message carries one
/// signature per secret, separated by spaces, so the receiver may check with either.
struct WebhookSignature: Sendable {
    struct BadSecret: Error, CustomStringConvertible {
        var description: String { "A signing secret is `whsec_` followed by the base64 of 24 to 64 bytes." }
    }

    private let keys: [SymmetricKey]

    /// The secrets in the order their signatures are listed (the newest first).
    init(secrets: [String]) throws {
        keys = try secrets.map { secret in
            guard secret.hasPrefix("whsec_"), let bytes = Data(base64Encoded: String(secret.dropFirst(6))), (24...64).contains(bytes.count) else {
                throw BadSecret()
            }
            return SymmetricKey(data: bytes)
        }
    }

    /// A new secret: 32 random bytes.
    static func newSecret() -> String {
        "whsec_" + SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString()
    }

    /// The `webhook-signature` header's value for one message.
    func header(id: String, timestamp: Int, body: Data) -> String {
        var message = Data("\(id).\(timestamp).".utf8)
        message.append(body)
        return keys.map { key in "v1," + Data(HMAC<SHA256>.authenticationCode(for: message, using: key)).base64EncodedString() }
            .joined(separator: " ")
    }

    /// Whether any of the header's `v1` signatures is one of ours for this message (compared in constant time),
    /// and the timestamp is within `tolerance` of `now`.
    func verify(header: String, id: String, timestamp: Int, body: Data, now: Date, tolerance: TimeInterval = 300) -> Bool {
        guard abs(now.timeIntervalSince1970 - Double(timestamp)) <= tolerance else { return false }
        var message = Data("\(id).\(timestamp).".utf8)
        message.append(body)
        for part in header.split(separator: " ") {
            guard part.hasPrefix("v1,"), let given = Data(base64Encoded: String(part.dropFirst(3))) else { continue }
            if keys.contains(where: { HMAC<SHA256>.isValidAuthenticationCode(given, authenticating: message, using: $0) }) { return true }
        }
        return false
    }
}
