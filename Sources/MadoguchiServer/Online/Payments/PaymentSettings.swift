import Foundation

/// How online certificate requests are paid: `MADOGUCHI_PAYMENT` is `fake` (the default: the built-in test provider
/// at `/fake-payments`, no real money — for trying the product and for tests), `off` (no online certificate
/// requests), or `provider` with `MADOGUCHI_PAYMENT_URL` (the provider's API base), `MADOGUCHI_PAYMENT_KEY` and
/// `MADOGUCHI_PAYMENT_WEBHOOK_SECRET` (`whsec_…`, to check the provider's notifications).
public struct PaymentSettings: Sendable {
    public enum Mode: String, Sendable { case fake, off, provider }

    public var mode: Mode
    /// The provider's API base; nil: this instance's own fake provider.
    var url: String?
    var key: String
    var webhookSecret: String

    /// The built-in fake provider, with this start's own key and signing secret.
    static func fake() -> PaymentSettings {
        PaymentSettings(mode: .fake, url: nil, key: Tokens.random(), webhookSecret: WebhookSignature.newSecret())
    }

    static func fromEnvironment(_ environment: [String: String]) throws -> PaymentSettings {
        switch environment["MADOGUCHI_PAYMENT"]?.lowercased() ?? "fake" {
        case "", "fake": return fake()
        case "off": return PaymentSettings(mode: .off, url: nil, key: "", webhookSecret: "")
        case "provider":
            guard let url = environment["MADOGUCHI_PAYMENT_URL"], url.hasPrefix("https://") || url.hasPrefix("http://"),
                  let key = environment["MADOGUCHI_PAYMENT_KEY"], !key.isEmpty,
                  let secret = environment["MADOGUCHI_PAYMENT_WEBHOOK_SECRET"], (try? WebhookSignature(secrets: [secret])) != nil else {
                throw StartupError("MADOGUCHI_PAYMENT=provider needs MADOGUCHI_PAYMENT_URL (http(s)://…), MADOGUCHI_PAYMENT_KEY and MADOGUCHI_PAYMENT_WEBHOOK_SECRET (whsec_…)")
            }
            return PaymentSettings(mode: .provider, url: String(url.reversed().drop { $0 == "/" }.reversed()), key: key, webhookSecret: secret)
        case let other:
            throw StartupError("MADOGUCHI_PAYMENT is fake, off or provider, not '\(other)'")
        }
    }
}
