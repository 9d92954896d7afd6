import Foundation
import MadoguchiCore
import Vapor

/// The online certificate request as the citizen's form sent it, checked field by field in the citizen's language:
/// `name`, `birthDate`, `address`, `email`, `requester` (`person` or `household`), `subjectName` (whose certificate,
/// for a household member), `copies-<certificate>`, `option-<certificate>-<option>`, `purpose`, and the identity
/// document `identity` (JPEG, PNG or PDF by its bytes, 5 MB at most).
struct CertificateOrderForm {
    let values: [String: String]
    let identity: File?
    let catalog: CertificateCatalog

    func text(_ name: String, max: Int) -> String {
        String((values[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).filter { !$0.isNewline }.prefix(max))
    }

    var requester: CertificateRequester { values["requester"] == CertificateRequester.household.rawValue ? .household : .person }

    /// The request's certificates: each one posted, with copies and the options it allows.
    var items: [CertificateRequest.Item] {
        catalog.byPost.compactMap { kind in
            let raw = (values["copies-\(kind.code)"] ?? "").trimmingCharacters(in: .whitespaces)
            guard !raw.isEmpty, raw != "0" else { return nil }
            let options = Set(kind.options.filter { values["option-\(kind.code)-\($0.rawValue)"] == "on" })
            return CertificateRequest.Item(kind: kind.code, copies: Int(raw) ?? -1, options: options)
        }
    }

    func checked(_ context: PageContext) -> Result<CertificateOrder, OrderErrors> {
        var errors: [FormFieldError] = []
        func problem(_ field: String, _ ja: String, _ en: String) { errors.append(FormFieldError(fieldID: field, message: context.t(ja, en))) }
        let name = text("name", max: 60), address = text("address", max: 120), email = text("email", max: 254)
        let subject = text("subjectName", max: 60), purpose = text("purpose", max: 200)
        if name.isEmpty { problem("name", "氏名を入力してください。", "Enter your name.") }
        let born = DateInput.parse(values["birthDate"] ?? "")
        if born == nil { problem("birthDate", "生年月日を確認してください。", "Check the date of birth.") }
        if address.isEmpty { problem("address", "住民登録をしている住所を入力してください。", "Enter the address you are registered at.") }
        if !ApplyController.isPlausibleEmail(email) { problem("email", "メールアドレスを確認してください。", "Check the email address.") }
        if requester == .household, subject.isEmpty {
            problem("subjectName", "証明書が必要な方の氏名を入力してください。", "Enter the name of the person the certificate is for.")
        }
        let items = items
        if items.isEmpty { problem("certificates", "証明書と通数を選んでください。", "Choose the certificates and how many copies.") }
        if items.contains(where: { !(1...CertificateRequest.maximumCopies).contains($0.copies) }) {
            errors.append(FormFieldError(fieldID: "certificates", message: context.t("通数は1〜{0}通です。", "From 1 to {0} copies.", CertificateRequest.maximumCopies)))
        }
        if items.contains(where: { $0.options.contains(.myNumber) }), purpose.isEmpty {
            problem("purpose", "個人番号を載せるときは、提出先を入力してください。", "Enter where you will submit it when it shows the My Number.")
        }
        var document: (kind: AttachmentKind, bytes: Data)?
        if let identity, identity.data.readableBytes > 0 {
            do { document = try CaseAttachments.checked(identity) } catch { problem("identity", error.messageJa, error.messageEn) }
        } else {
            problem("identity", "本人確認書類（運転免許証など）の画像かPDFを添付してください。", "Attach a picture or PDF of your photo ID (a driving licence …).")
        }
        let request = CertificateRequest(requester: requester, requesterName: name, purpose: purpose, letterOfAttorney: false,
                                         seen: [], items: items, exemption: nil)
        let rules = CertificateRules(catalog)
        if errors.isEmpty {
            // The form offers only what may be posted; what the rules still refuse is said as they say it.
            for refusal in rules.postalProblems(request) { errors.append(FormFieldError(fieldID: "certificates", message: refusal)) }
        }
        guard errors.isEmpty, let born, let document else {
            // One message per field in the summary, in the order of the form.
            var seen = Set<String>()
            return .failure(OrderErrors(errors: errors.filter { seen.insert($0.fieldID + $0.message).inserted }))
        }
        let fees = rules.fees(request).total
        let order = CertificateOrder()
        order.id = UUID()
        order.reference = CaseReference.make()
        order.state = .awaitingPayment
        order.createdAt = Date()
        order.name = name
        order.birthDate = born.iso
        order.address = address
        order.email = email
        order.requester = requester.rawValue
        order.subjectName = requester == .household ? subject : nil
        order.purpose = purpose
        order.items = OrderedItems(items)
        order.fees = fees
        order.postage = catalog.postage
        order.total = fees + catalog.postage
        order.identityKind = document.kind.rawValue
        order.identityFileName = String((identity?.filename ?? "").prefix(120))
        order.identityContent = document.bytes
        return .success(order)
    }

    struct OrderErrors: Error {
        let errors: [FormFieldError]
    }
}
