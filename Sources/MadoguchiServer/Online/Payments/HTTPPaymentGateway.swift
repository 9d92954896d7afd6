import Foundation
import Vapor

/// The payment provider over its HTTP API (the protocol `FakePaymentProvider` serves for tests and demonstrations):
///
///     POST {base}/v1/checkouts              Authorization: Bearer {key}, JSON Checkout → 201 CheckoutSession
///     GET  {base}/v1/checkouts/{id}         → 200 CheckoutSession, 404
///     POST {base}/v1/checkouts/{id}/refund  → 200 CheckoutSession (refunded), 409 when not paid
///
/// and a notification to `notifyURL` signed as Standard Webhooks (`webhook-id`, `webhook-timestamp`,
/// `webhook-signature`) when a checkout is paid.
struct HTTPPaymentGateway: PaymentGateway {
    let client: any Client
    /// The provider's API base, without a trailing slash.
    let base: String
    let key: String

    func startCheckout(_ checkout: Checkout) async throws -> CheckoutSession {
        try await call(.POST, "/v1/checkouts", body: checkout, expecting: .created)
    }

    func session(_ id: String) async throws -> CheckoutSession {
        try await call(.GET, "/v1/checkouts/\(Self.escaped(id))", body: Optional<Checkout>.none, expecting: .ok)
    }

    func refund(_ id: String) async throws {
        let _: CheckoutSession = try await call(.POST, "/v1/checkouts/\(Self.escaped(id))/refund", body: Optional<Checkout>.none, expecting: .ok)
    }

    private func call<Body: Encodable>(_ method: HTTPMethod, _ path: String, body: Body?, expecting: HTTPStatus)
    async throws -> CheckoutSession {
        do {
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: key)
            let response = try await client.send(method, headers: headers, to: URI(string: base + path)) { request in
                if let body { try request.content.encode(body, as: .json) }
                request.timeout = .seconds(10)
            }
            guard response.status == expecting else {
                throw PaymentUnavailable(reason: "\(method) \(path) answered \(response.status.code)")
            }
            return try response.content.decode(CheckoutSession.self)
        } catch let error as PaymentUnavailable {
            throw error
        } catch {
            throw PaymentUnavailable(reason: "\(method) \(path): \(error)")
        }
    }

    private static func escaped(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }
}
