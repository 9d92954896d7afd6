/// Anything that carries APDUs to a card and back: the PC/SC reader (libpcsclite, phase 2), the in-process
/// `FakeMyNumberCard`, later perhaps NFC. The reading protocol (`MyNumberCardReader`) is written against this
/// alone, so the same code path runs in unit tests, in CI through vpcd, and at the counter.
///
/// `async` because a real exchange blocks on the reader for tens of milliseconds and the agent must stay
/// responsive; `Sendable` so the agent can hand a transport to the task that waits for a card.
public protocol CardTransport: Sendable {
    /// Sends one command APDU and returns the card's response. Throws `CardTransportError` when the exchange
    /// itself failed (no card, card removed, reader gone); a card that answers with an error status word is a
    /// normal response, not a thrown error.
    func transmit(_ command: APDU) async throws -> ResponseAPDU
}

/// Why an exchange with the card did not happen. These say nothing about the card's data, so they are safe to
/// show and to log.
public enum CardTransportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No card on the reader (PC/SC: `SCARD_E_NO_SMARTCARD`, `SCARD_W_UNPOWERED_CARD`).
    case noCard
    /// The card left the reader during the exchange (PC/SC: `SCARD_W_REMOVED_CARD`; `SCARD_W_RESET_CARD` too,
    /// since a reset loses the verified PIN just the same).
    case cardRemoved
    /// The reader was unplugged or the PC/SC service went away (`SCARD_E_READER_UNAVAILABLE`,
    /// `SCARD_E_NO_READERS_AVAILABLE`, `SCARD_E_NO_SERVICE`).
    case readerGone
    /// Any other failure of the transport, with its code (a PC/SC `LONG` result, for example).
    case failed(code: Int64)

    public var description: String {
        switch self {
        case .noCard: "no card on the reader"
        case .cardRemoved: "the card was removed during the exchange"
        case .readerGone: "the card reader is not available"
        case let .failed(code): "card transport failed (code 0x\(String(UInt64(bitPattern: code), radix: 16, uppercase: true)))"
        }
    }
}
