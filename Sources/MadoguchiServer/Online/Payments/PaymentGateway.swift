import Foundation
import Vapor

/// A payment provider's hosted checkout, as Madoguchi uses one: start a checkout for an amount and send the
/// citizen to the provider's page; learn from the provider (never from the citizen's browser) whether it was paid;
/// refund what the city does not deliver. The provider tells us of a payment by a signed notification too, so a
/// citizen who closes the page after paying is not lost.
protocol PaymentGateway: Sendable {
    /// A checkout for `amount` yen; the citizen is sent to its `url`, and back to `returnURL` afterwards.
    func startCheckout(_ checkout: Checkout) async throws -> CheckoutSession
    /// What the provider knows of a checkout now.
    func session(_ id: String) async throws -> CheckoutSession
    /// Pays the whole amount back.
    func refund(_ id: String) async throws
}

struct Checkout: Content, Equatable {
    /// Yen.
    var amount: Int
    var currency = "JPY"
    /// Ours: the order's id, returned with every answer so that a payment is matched to its order.
    var reference: String
    var description: String
    var returnURL: String
    var notifyURL: String
}

struct CheckoutSession: Content, Equatable {
    enum Status: String, Codable, Sendable {
        case open, paid, declined, refunded
    }

    var id: String
    var status: Status
    var amount: Int
    var reference: String
    /// The provider's page for the citizen (present while open).
    var url: String?
}

/// The provider could not be reached or refused the call; nothing was paid or refunded by this call.
struct PaymentUnavailable: Error, CustomStringConvertible {
    let reason: String
    var description: String { "payment provider: \(reason)" }
}
