import Foundation

/// Why reading a My Number card stopped, in words for staff (`description`, English) and for the counter
/// screen (`messageJa`).
///
/// No case carries the PIN, the 個人番号 or any card data, so every error can be shown and logged as it is.
public enum MyNumberCardError: Error, Hashable, Sendable {
    /// The PIN given is not 4 ASCII digits; nothing was sent to the card, no try spent.
    case invalidPINFormat
    /// The card refused the PIN. `triesLeft` 0 means that try locked the PIN.
    case wrongPIN(triesLeft: Int)
    /// The PIN has no tries left; the reader did not send it. Only the city hall can reset it.
    case pinBlocked
    case noCard
    case cardRemoved
    case readerUnavailable
    /// The card has no 券面事項入力補助AP (another IC card, or not a My Number card): SELECT answered this.
    case notAMyNumberCard(StatusWord)
    case unreadableData(CardDataError)
    /// The card answered a step with a status word the protocol does not expect.
    case unexpectedStatus(step: CardReadingStep, StatusWord)
    /// The transport failed in a way it could not name (the agent's log has the transport's own error).
    case communicationFailed

    /// True when the PIN cannot be used any more, whether it was locked before or by this try.
    public var pinIsBlocked: Bool {
        switch self {
        case .pinBlocked, .wrongPIN(triesLeft: 0): true
        default: false
        }
    }
}

/// The steps of the reading protocol, named in errors.
public enum CardReadingStep: String, Hashable, Sendable {
    case selectApplication = "SELECT 券面事項入力補助AP"
    case selectPINFile = "SELECT EF 0011 (PIN)"
    case checkPINTries = "VERIFY without data (tries left)"
    case verifyPIN = "VERIFY (PIN)"
    case selectBasicFourItems = "SELECT EF 0002 (basic four items)"
    case selectIndividualNumber = "SELECT EF 0001 (個人番号)"
    case readBinary = "READ BINARY"
}

extension MyNumberCardError: CustomStringConvertible, LocalizedError {
    public var description: String {
        switch self {
        case .invalidPINFormat:
            "the PIN must be 4 digits; nothing was sent to the card"
        case .wrongPIN(triesLeft: 0):
            "wrong PIN; that was the last try and the card's PIN is now blocked"
        case let .wrongPIN(triesLeft):
            "wrong PIN; \(triesLeft) \(triesLeft == 1 ? "try" : "tries") left"
        case .pinBlocked:
            "the card's PIN is blocked (no tries left); the PIN was not sent"
        case .noCard:
            "no card on the reader"
        case .cardRemoved:
            "the card was removed while it was being read"
        case .readerUnavailable:
            "the card reader is not available"
        case let .notAMyNumberCard(status):
            "not a My Number card: the input support application could not be selected (SW \(status))"
        case let .unreadableData(reason):
            "the card's data could not be read: \(reason)"
        case let .unexpectedStatus(step, status):
            "the card answered \(step.rawValue) with the unexpected status \(status)"
        case .communicationFailed:
            "communication with the card reader failed"
        }
    }

    /// For the counter screen and the citizen.
    public var messageJa: String {
        switch self {
        case .invalidPINFormat:
            "暗証番号は数字4桁です。カードには送信していません。"
        case .wrongPIN(triesLeft: 0):
            "暗証番号が違います。暗証番号がロックされました。窓口で暗証番号の再設定をしてください。"
        case .wrongPIN(triesLeft: 1):
            "暗証番号が違います。残り1回です。次に間違えるとロックされます。"
        case let .wrongPIN(triesLeft):
            "暗証番号が違います。残り\(triesLeft)回です。"
        case .pinBlocked:
            "暗証番号がロックされています（暗証番号は送信していません）。窓口で暗証番号の再設定をしてください。"
        case .noCard:
            "カードが置かれていません。カードをリーダーに置いてください。"
        case .cardRemoved:
            "読み取り中にカードが離れました。カードを置き直して、もう一度読み取ってください。"
        case .readerUnavailable:
            "カードリーダーが見つかりません。接続を確認してください。"
        case .notAMyNumberCard:
            "マイナンバーカードとして読み取れませんでした。カードの種類と向きを確認してください。"
        case .unreadableData:
            "カードの情報を正しく読み取れませんでした。券面を見て入力してください。"
        case let .unexpectedStatus(_, status):
            "カードが想定外の応答をしました（\(status)）。もう一度読み取ってください。"
        case .communicationFailed:
            "カードリーダーとの通信に失敗しました。もう一度読み取ってください。"
        }
    }

    public var errorDescription: String? { description }
}
