/// A certificate the city issues at the counter (証明書交付): 住民票の写し, 印鑑登録証明書, 所得・課税証明書, 戸籍 …
/// as catalog data (`certificates.yaml`), with its fee per copy and what may be asked on it.
public struct CertificateKind: Sendable, Hashable {
    public let code: String
    public let name: LocalizedText
    /// The section that issues it (its queue, its log).
    public let section: String
    /// Yen per copy (手数料条例).
    public let fee: Int
    /// What a request may choose on it.
    public let options: Set<CertificateOption>
    /// Who may ask for it.
    public let requesters: Set<CertificateRequester>
    /// What the counter must have seen.
    public let requires: Set<CertificateRequirement>
    /// Whether a citizen may request it online, posted to the registered address (郵送請求).
    public let byPost: Bool

    public init(code: String, name: LocalizedText, section: String, fee: Int, options: Set<CertificateOption>,
                requesters: Set<CertificateRequester>, requires: Set<CertificateRequirement>, byPost: Bool = false) {
        self.code = code
        self.name = name
        self.section = section
        self.fee = fee
        self.options = options
        self.requesters = requesters
        self.requires = requires
        self.byPost = byPost
    }
}

/// What a 住民票の写し may show or leave out (住民基本台帳法 12条5項): the whole household or some of it, the
/// 本籍・筆頭者, the 続柄, the 個人番号.
public enum CertificateOption: String, CaseIterable, Sendable, Hashable {
    case wholeHousehold, honseki, relation, myNumber

    public var name: LocalizedText {
        switch self {
        case .wholeHousehold: LocalizedText(ja: "世帯全員", en: "The whole household")
        case .honseki: LocalizedText(ja: "本籍・筆頭者", en: "Registered domicile (honseki) and head of the family register")
        case .relation: LocalizedText(ja: "続柄", en: "Relationship to the head of household")
        case .myNumber: LocalizedText(ja: "個人番号", en: "My Number (individual number)")
        }
    }
}

/// Who asks: the person, someone of the same household, an agent with a 委任状, or a third party with a reason
/// (住民基本台帳法 12条, 12条の3).
public enum CertificateRequester: String, CaseIterable, Sendable, Hashable {
    case person, household, agent, thirdParty = "third-party"

    public var name: LocalizedText {
        switch self {
        case .person: LocalizedText(ja: "本人", en: "The person")
        case .household: LocalizedText(ja: "同一世帯の方", en: "Someone of the same household")
        case .agent: LocalizedText(ja: "代理人（委任状）", en: "An agent (with a letter of attorney)")
        case .thirdParty: LocalizedText(ja: "第三者（請求の理由）", en: "A third party (with a reason)")
        }
    }
}

/// What the counter must have seen before it issues.
public enum CertificateRequirement: String, CaseIterable, Sendable, Hashable {
    /// The 印鑑登録証 (a seal certificate is issued only on the card, whoever brings it).
    case sealCard
    /// The 本籍 is in this city (a 戸籍 certificate comes from this city's register only).
    case honsekiInCity
}

/// A reason a fee is waived (公用請求, a pension claim …), as catalog data.
public struct FeeExemption: Sendable, Hashable {
    public let code: String
    public let name: LocalizedText
    /// The certificates it waives the fee of; empty: all.
    public let kinds: Set<String>

    public init(code: String, name: LocalizedText, kinds: Set<String>) {
        self.code = code
        self.name = name
        self.kinds = kinds
    }
}

/// The certificates of the catalog.
public struct CertificateCatalog: Sendable {
    public let kinds: [CertificateKind]
    public let exemptions: [FeeExemption]
    /// Yen added to an online request for posting it (郵送料).
    public let postage: Int

    public init(kinds: [CertificateKind] = [], exemptions: [FeeExemption] = [], postage: Int = 0) {
        self.kinds = kinds
        self.exemptions = exemptions
        self.postage = postage
    }

    /// The certificates a citizen may request online.
    public var byPost: [CertificateKind] { kinds.filter(\.byPost) }

    public func kind(_ code: String) -> CertificateKind? { kinds.first { $0.code == code } }
    public func exemption(_ code: String) -> FeeExemption? { exemptions.first { $0.code == code } }
}
