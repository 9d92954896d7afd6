@testable import MadoguchiCore
import Testing

/// Who may have which certificate, and what it costs: 住民基本台帳法 12条 (本人・同一世帯), 12条の3 (第三者), 番号法 19条
/// (個人番号), the 印鑑登録証, and the city's fees.
@Suite struct CertificateRulesTests {
    static let catalog = SampleCatalog.catalog.certificates
    static let rules = CertificateRules(catalog)

    static func request(by requester: CertificateRequester = .person, name: String = "", purpose: String = "", attorney: Bool = false,
                        seen: Set<CertificateRequirement> = [], _ items: [CertificateRequest.Item], exemption: String? = nil) -> CertificateRequest {
        CertificateRequest(requester: requester, requesterName: name, purpose: purpose, letterOfAttorney: attorney, seen: seen,
                           items: items, exemption: exemption)
    }

    @Test func theSampleCityIssuesSixCertificates() {
        #expect(Self.catalog.kinds.map(\.code) == ["juminhyo", "kisai-jiko", "inkan", "shotoku", "koseki-tohon", "koseki-shohon"])
        #expect(Self.catalog.kind("juminhyo")?.fee == 300 && Self.catalog.kind("koseki-tohon")?.fee == 450)
    }

    @Test func twoCopiesOfTheWholeHouseholdCostSixHundredYen() {
        let request = Self.request([.init(kind: "juminhyo", copies: 2, options: [.wholeHousehold, .relation])])
        #expect(Self.rules.problems(request, sealRegistered: false).isEmpty)
        #expect(Self.rules.fees(request).total == 600)
    }

    @Test func aPensionClaimWaivesTheResidentRecordButNotTheTaxCertificate() {
        let request = Self.request([.init(kind: "juminhyo", copies: 1), .init(kind: "shotoku", copies: 1)], exemption: "pension")
        #expect(Self.rules.fees(request).items == [0, 300])
    }

    @Test func aMyNumberGoesToThePersonOrTheHouseholdForAStatedUse() {
        let agent = Self.request(by: .agent, name: "代理　太郎", purpose: "勤務先", attorney: true, [.init(kind: "juminhyo", copies: 1, options: [.myNumber])])
        #expect(Self.rules.problems(agent, sealRegistered: false).contains { $0.contains("本人か同一世帯の方にだけ") })
        let noPurpose = Self.request([.init(kind: "juminhyo", copies: 1, options: [.myNumber])])
        #expect(Self.rules.problems(noPurpose, sealRegistered: false) == ["個人番号を載せるときは、提出先（利用目的）を入力してください。"])
        let person = Self.request(purpose: "勤務先への提出", [.init(kind: "juminhyo", copies: 1, options: [.myNumber])])
        #expect(Self.rules.problems(person, sealRegistered: false).isEmpty)
    }

    @Test func anAgentNeedsALetterAndAThirdPartyAReasonAndNeitherGetsTheHonseki() {
        let agent = Self.request(by: .agent, name: "代理　太郎", [.init(kind: "juminhyo", copies: 1)])
        #expect(Self.rules.problems(agent, sealRegistered: false) == ["代理人の請求には委任状が必要です。"])
        let third = Self.request(by: .thirdParty, name: "債権者", [.init(kind: "juminhyo", copies: 1, options: [.honseki])])
        let problems = Self.rules.problems(third, sealRegistered: false)
        #expect(problems.contains("第三者の請求には請求の理由（利用目的）が必要です。"))
        #expect(problems.contains { $0.contains("本籍・続柄・個人番号を載せられません") })
        let taxByThirdParty = Self.request(by: .thirdParty, name: "債権者", purpose: "訴訟", [.init(kind: "shotoku", copies: 1)])
        #expect(Self.rules.problems(taxByThirdParty, sealRegistered: false) == ["「所得・課税証明書」は第三者（請求の理由）からの請求では交付できません。"])
    }

    @Test func aSealCertificateNeedsTheCardAndARegisteredSeal() {
        let without = Self.request([.init(kind: "inkan", copies: 1)])
        #expect(Self.rules.problems(without, sealRegistered: true) == ["「印鑑登録証明書」には印鑑登録証（カード）が必要です。"])
        let unregistered = Self.request(seen: [.sealCard], [.init(kind: "inkan", copies: 1)])
        #expect(Self.rules.problems(unregistered, sealRegistered: false) == ["この方は印鑑登録をしていません。"])
        #expect(Self.rules.problems(Self.request(seen: [.sealCard], [.init(kind: "inkan", copies: 1)]), sealRegistered: true).isEmpty)
    }

    @Test func copiesAreOneToTenAndAnOptionMustBelongToTheCertificate() {
        let problems = Self.rules.problems(Self.request([.init(kind: "juminhyo", copies: 11), .init(kind: "inkan", copies: 0, options: [.honseki])]),
                                           sealRegistered: true)
        #expect(problems.contains("「住民票の写し」の通数は1〜10通です。"))
        #expect(problems.contains("「印鑑登録証明書」の通数は1〜10通です。"))
        #expect(problems.contains("「印鑑登録証明書」には「本籍・筆頭者」を載せられません。"))
        #expect(Self.rules.problems(Self.request([]), sealRegistered: false) == ["交付する証明書を選んでください。"])
    }

    /// By post (郵送請求): the person or their household only, certificates the city posts, no fee waived online; what
    /// the counter must see (the 本籍 in the city) is left to the clerk's check before posting.
    @Test func aRequestByPostIsThePersonsOrTheHouseholdsForCertificatesTheCityPosts() {
        #expect(Self.catalog.byPost.map(\.code) == ["juminhyo", "kisai-jiko", "shotoku", "koseki-tohon", "koseki-shohon"])
        #expect(Self.catalog.postage == 110)
        let tohon = Self.request([.init(kind: "koseki-tohon", copies: 1)])
        #expect(Self.rules.postalProblems(tohon).isEmpty)
        #expect(!Self.rules.problems(tohon, sealRegistered: false).isEmpty, "the clerk still confirms the 本籍 is in the city")
        let household = Self.request(by: .household, name: "髙橋　美咲", purpose: "勤務先", [.init(kind: "juminhyo", copies: 1, options: [.myNumber])])
        #expect(Self.rules.postalProblems(household).isEmpty)
        #expect(Self.rules.postalProblems(Self.request(by: .agent, name: "代理", attorney: true, [.init(kind: "juminhyo", copies: 1)]))
            == ["郵送の請求は本人か同一世帯の方だけです。"])
        #expect(Self.rules.postalProblems(Self.request([.init(kind: "inkan", copies: 1)])).contains("「印鑑登録証明書」は郵送では請求できません。"))
        #expect(Self.rules.postalProblems(Self.request([.init(kind: "juminhyo", copies: 1)], exemption: "pension"))
            == ["手数料の免除は窓口で申し出てください。"])
        #expect(Self.rules.postalProblems(Self.request([.init(kind: "juminhyo", copies: 11)])).count == 1)
    }

    @Test func anOnlineRequestIsPaidBeforeItIsIssuedOrRefusedAndThenNothingMoreHappens() throws {
        #expect(try CertificateOrderState.awaitingPayment.after(.paid) == .paid)
        #expect(try CertificateOrderState.awaitingPayment.after(.cancel) == .cancelled)
        #expect(try CertificateOrderState.paid.after(.issue) == .issued)
        #expect(try CertificateOrderState.paid.after(.refuse) == .refused)
        #expect(throws: CertificateOrderState.NotAllowed.self) { try CertificateOrderState.awaitingPayment.after(.issue) }
        #expect(throws: CertificateOrderState.NotAllowed.self) { try CertificateOrderState.paid.after(.paid) }
        for final in CertificateOrderState.allCases where final.isFinal {
            for event in [CertificateOrderState.Event.paid, .issue, .refuse, .cancel] {
                #expect(throws: CertificateOrderState.NotAllowed.self) { try final.after(event) }
            }
        }
    }
}
