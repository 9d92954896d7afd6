import Foundation

/// A request for certificates at the counter: whose, who asks and why, which certificates how many times.
public struct CertificateRequest: Sendable, Hashable {
    public struct Item: Sendable, Hashable {
        public let kind: String
        public let copies: Int
        public let options: Set<CertificateOption>

        public init(kind: String, copies: Int, options: Set<CertificateOption> = []) {
            self.kind = kind
            self.copies = copies
            self.options = options
        }
    }

    public let requester: CertificateRequester
    /// Who stands at the counter (the agent's or third party's name; the person's own otherwise).
    public let requesterName: String
    /// Why (required of a third party, and for a 個人番号 on a 住民票の写し).
    public let purpose: String
    /// The 委任状 was shown.
    public let letterOfAttorney: Bool
    /// What the counter saw.
    public let seen: Set<CertificateRequirement>
    public let items: [Item]
    /// A reason the fee is waived (`exemptions` of the catalog), if any.
    public let exemption: String?

    public init(requester: CertificateRequester, requesterName: String, purpose: String, letterOfAttorney: Bool,
                seen: Set<CertificateRequirement>, items: [Item], exemption: String?) {
        self.requester = requester
        self.requesterName = requesterName
        self.purpose = purpose
        self.letterOfAttorney = letterOfAttorney
        self.seen = seen
        self.items = items
        self.exemption = exemption
    }

    public static let maximumCopies = 10
}

/// What the law and the city's rules allow, checked before anything is issued; every problem at once, in words
/// the clerk can say to the citizen.
public struct CertificateRules: Sendable {
    public let catalog: CertificateCatalog

    public init(_ catalog: CertificateCatalog) { self.catalog = catalog }

    /// The problems of `request` for a resident (`sealRegistered`: the resident has a registered seal).
    public func problems(_ request: CertificateRequest, sealRegistered: Bool) -> [String] {
        requestProblems(request) + requirementProblems(request, sealRegistered: sealRegistered)
    }

    /// The problems of a request made online, to be posted to the registered address: only the person or their
    /// household asks (a 委任状 or a third party's reason is for the counter), only certificates the city posts.
    /// What the counter must see (the 本籍 in the city) is checked by staff before posting, with `problems`.
    public func postalProblems(_ request: CertificateRequest) -> [String] {
        var problems = requestProblems(request)
        if request.requester != .person && request.requester != .household {
            problems.append("郵送の請求は本人か同一世帯の方だけです。")
        }
        for item in request.items {
            if let kind = catalog.kind(item.kind), !kind.byPost { problems.append("「\(kind.name.ja)」は郵送では請求できません。") }
        }
        if request.exemption != nil { problems.append("手数料の免除は窓口で申し出てください。") }
        return problems
    }

    /// What is wrong with the request itself, wherever it is made.
    private func requestProblems(_ request: CertificateRequest) -> [String] {
        var problems: [String] = []
        let purpose = request.purpose.trimmingCharacters(in: .whitespaces)
        if request.items.isEmpty { problems.append("交付する証明書を選んでください。") }
        if request.requester != .person, request.requesterName.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append("窓口に来た方（請求者）の氏名を入力してください。")
        }
        if request.requester == .agent, !request.letterOfAttorney {
            problems.append("代理人の請求には委任状が必要です。")
        }
        if request.requester == .thirdParty, purpose.isEmpty {
            problems.append("第三者の請求には請求の理由（利用目的）が必要です。")
        }
        if let code = request.exemption, catalog.exemption(code) == nil { problems.append("手数料の免除の理由が分かりません。") }
        for item in request.items {
            guard let kind = catalog.kind(item.kind) else { problems.append("証明書「\(item.kind)」はありません。"); continue }
            let name = kind.name.ja
            if !(1...CertificateRequest.maximumCopies).contains(item.copies) {
                problems.append("「\(name)」の通数は1〜\(CertificateRequest.maximumCopies)通です。")
            }
            if !kind.requesters.contains(request.requester) {
                problems.append("「\(name)」は\(request.requester.name.ja)からの請求では交付できません。")
            }
            if let option = item.options.subtracting(kind.options).first {
                problems.append("「\(name)」には「\(Self.optionName(option))」を載せられません。")
            }
            if item.options.contains(.myNumber) {
                // 番号法 19条: a 個人番号 goes to the person or their household only, for a stated use.
                if request.requester != .person && request.requester != .household {
                    problems.append("個人番号入りの「\(name)」は本人か同一世帯の方にだけ交付できます（代理人には本人の住所へ郵送）。")
                }
                if purpose.isEmpty { problems.append("個人番号を載せるときは、提出先（利用目的）を入力してください。") }
            }
            if request.requester == .thirdParty, !item.options.isDisjoint(with: [.honseki, .relation, .myNumber]) {
                problems.append("第三者の請求では「\(name)」に本籍・続柄・個人番号を載せられません。")
            }
        }
        return problems
    }

    /// What the counter must have seen for each certificate asked for.
    private func requirementProblems(_ request: CertificateRequest, sealRegistered: Bool) -> [String] {
        var problems: [String] = []
        for item in request.items {
            guard let kind = catalog.kind(item.kind) else { continue }
            let name = kind.name.ja
            if kind.requires.contains(.sealCard) {
                if !request.seen.contains(.sealCard) { problems.append("「\(name)」には印鑑登録証（カード）が必要です。") }
                if !sealRegistered { problems.append("この方は印鑑登録をしていません。") }
            }
            if kind.requires.contains(.honsekiInCity), !request.seen.contains(.honsekiInCity) {
                problems.append("「\(name)」は本籍がこの市にある方のものだけです。本籍を確認してください。")
            }
        }
        return problems
    }

    /// Yen to pay for each item and in all: copies × fee, nothing for an item the exemption covers.
    public func fees(_ request: CertificateRequest) -> (items: [Int], total: Int) {
        let exemption = request.exemption.flatMap(catalog.exemption)
        let items = request.items.map { item -> Int in
            guard let kind = catalog.kind(item.kind) else { return 0 }
            if let exemption, exemption.kinds.isEmpty || exemption.kinds.contains(kind.code) { return 0 }
            return kind.fee * item.copies
        }
        return (items, items.reduce(0, +))
    }

    public static func optionName(_ option: CertificateOption) -> String { option.name.ja }
}
