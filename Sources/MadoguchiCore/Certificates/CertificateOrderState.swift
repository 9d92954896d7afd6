/// Where an online certificate request (郵送請求) stands. The citizen pays first; staff then check the identity
/// document against the resident records and post the certificates, or refuse and refund.
///
///     awaiting-payment ──paid──▶ paid ──issue──▶ issued
///            │                     └──refuse──▶ refused (refunded)
///            └──cancel──▶ cancelled
///
/// A declined payment leaves the request awaiting payment: the citizen may pay again.
public enum CertificateOrderState: String, CaseIterable, Sendable, Codable {
    case awaitingPayment = "awaiting-payment"
    case paid
    case issued
    case refused
    case cancelled

    public enum Event: String, Sendable {
        case paid, issue, refuse, cancel
    }

    public struct NotAllowed: Error, Equatable, CustomStringConvertible {
        public let state: CertificateOrderState
        public let event: Event
        public var description: String { "an online certificate request that is \(state.rawValue) cannot \(event.rawValue)" }
    }

    /// The state after `event`, or `NotAllowed`.
    public func after(_ event: Event) throws(NotAllowed) -> CertificateOrderState {
        switch (self, event) {
        case (.awaitingPayment, .paid): .paid
        case (.awaitingPayment, .cancel): .cancelled
        case (.paid, .issue): .issued
        case (.paid, .refuse): .refused
        default: throw NotAllowed(state: self, event: event)
        }
    }

    /// Nothing more happens to it.
    public var isFinal: Bool { self == .issued || self == .refused || self == .cancelled }

    public var name: LocalizedText {
        switch self {
        case .awaitingPayment: LocalizedText(ja: "お支払い待ち", en: "Waiting for payment")
        case .paid: LocalizedText(ja: "お支払い済み・市で確認中", en: "Paid; the city is checking it")
        case .issued: LocalizedText(ja: "郵送しました", en: "Posted")
        case .refused: LocalizedText(ja: "交付できませんでした（返金済み）", en: "Not issued (refunded)")
        case .cancelled: LocalizedText(ja: "取り消しました", en: "Cancelled")
        }
    }
}
