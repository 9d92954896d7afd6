import MadoguchiCore

extension AuditAction {
    /// What each action is called on the audit log page. A test checks that every action has its words.
    static let words: [AuditAction: LocalizedText] = [
        .loginSucceeded: LocalizedText(ja: "ログイン", en: "Signed in"),
        .loginFailed: LocalizedText(ja: "ログイン失敗", en: "Sign-in failed"),
        .loginLocked: LocalizedText(ja: "ログイン拒否（ロック中）", en: "Sign-in refused (account locked)"),
        .logout: LocalizedText(ja: "ログアウト", en: "Signed out"),
        .passwordChanged: LocalizedText(ja: "パスワード変更", en: "Password changed"),
        .userCreated: LocalizedText(ja: "アカウント追加", en: "Account added"),
        .userUnlocked: LocalizedText(ja: "アカウントのロック解除", en: "Account unlocked"),
        .passwordReset: LocalizedText(ja: "パスワード再発行", en: "Password reset"),
        .userDisabled: LocalizedText(ja: "アカウントの無効化", en: "Account disabled"),
        .userEnabled: LocalizedText(ja: "アカウントの有効化", en: "Account enabled"),
        .userRoleChanged: LocalizedText(ja: "役割の変更", en: "Role changed"),
        .auditViewed: LocalizedText(ja: "監査ログの閲覧", en: "Audit log viewed"),
        .caseCreated: LocalizedText(ja: "案件の作成", en: "Case created"),
        .caseViewed: LocalizedText(ja: "案件の閲覧", en: "Case viewed"),
        .caseChanged: LocalizedText(ja: "案件の変更", en: "Case changed"),
        .caseTransition: LocalizedText(ja: "案件の状態の変更", en: "Case status changed"),
        .residentViewed: LocalizedText(ja: "住民記録の閲覧", en: "Resident record viewed"),
        .documentPrinted: LocalizedText(ja: "帳票の印刷", en: "Forms printed"),
        .attachmentViewed: LocalizedText(ja: "添付ファイルの閲覧", en: "Attachment viewed"),
        .cardAgentPaired: LocalizedText(ja: "カードリーダーの接続", en: "Card reader paired"),
        .cardRead: LocalizedText(ja: "本人確認書類の読み取り", en: "ID card read"),
        .residentsImported: LocalizedText(ja: "住民記録の取込", en: "Resident records imported"),
        .handoffTokenCreated: LocalizedText(ja: "連携用APIトークンの発行", en: "Hand-off API token created"),
        .handoffTokenRevoked: LocalizedText(ja: "連携用APIトークンの失効", en: "Hand-off API token revoked"),
        .handoffViewed: LocalizedText(ja: "連携内容の閲覧", en: "Hand-off viewed"),
        .handoffRetried: LocalizedText(ja: "連携の再試行", en: "Hand-off retried"),
        .handoffCancelled: LocalizedText(ja: "連携の取消", en: "Hand-off cancelled"),
        .handoffEndpointConfigured: LocalizedText(ja: "連携先（送信先・署名鍵）の設定", en: "Hand-off endpoint configured"),
        .handoffEndpointDisabled: LocalizedText(ja: "連携先への送信の停止", en: "Hand-off endpoint turned off"),
        .handoffEndpointEnabled: LocalizedText(ja: "連携先への送信の再開", en: "Hand-off endpoint turned on"),
        .paperScanStored: LocalizedText(ja: "紙の申請書の取込", en: "Paper form scan stored"),
        .paperPageViewed: LocalizedText(ja: "紙の申請書の閲覧", en: "Paper form page viewed"),
        .paperPageVerified: LocalizedText(ja: "紙の申請書の確認・案件化", en: "Paper form checked and made a Case"),
        .paperPageRejected: LocalizedText(ja: "紙の申請書の不受理", en: "Paper form page set aside"),
        .certificateIssued: LocalizedText(ja: "証明書の交付", en: "Certificate issued"),
        .certificateViewed: LocalizedText(ja: "証明書の交付記録の閲覧", en: "Certificate issuance viewed"),
        .certificateOrdered: LocalizedText(ja: "証明書の郵送請求（オンライン）", en: "Certificate requested online"),
        .certificateOrderPaid: LocalizedText(ja: "証明書の郵送請求の支払い", en: "Online certificate request paid"),
        .certificateOrderViewed: LocalizedText(ja: "証明書の郵送請求の閲覧", en: "Online certificate request viewed"),
        .certificateOrderRefused: LocalizedText(ja: "証明書の郵送請求の不交付・返金", en: "Online certificate request refused and refunded"),
    ]

    /// The action in words; a stored code this version does not know is shown as it is.
    static func words(for code: String) -> LocalizedText {
        AuditAction(rawValue: code).flatMap { words[$0] } ?? LocalizedText(ja: code, en: code)
    }
}
