/// Reads `certificates.yaml`: the certificates the counter issues and the reasons a fee is waived.
extension CatalogReader {
    func certificates(sections: [Section]) throws(CatalogError) -> CertificateCatalog {
        let top = try root("certificates.yaml").mapping(allowed: ["certificates", "exemptions", "postage"], context: "certificates.yaml")
        var kinds: [CertificateKind] = []
        for node in try top.required("certificates").sequence("certificates") {
            let c = try node.mapping(allowed: ["code", "name", "section", "fee", "options", "requesters", "requires", "byPost"], context: "a certificate")
            let code = try c.required("code").string("code")
            guard !kinds.contains(where: { $0.code == code }) else { throw node.error("certificate '\(code)' is defined twice") }
            let sectionNode = try c.required("section")
            let section = try sectionNode.string("section")
            guard sections.contains(where: { $0.code == section }) else { throw sectionNode.error("unknown section '\(section)'") }
            let fee = try c.required("fee").int("fee")
            guard (0...100_000).contains(fee) else { throw node.error("fee is yen per copy, 0 to 100000") }
            kinds.append(CertificateKind(
                code: code, name: try c.required("name").localized("name"), section: section, fee: fee,
                options: try values(c["options"], CertificateOption.self, "options"),
                requesters: try values(c["requesters"], CertificateRequester.self, "requesters"),
                requires: try values(c["requires"], CertificateRequirement.self, "requires"),
                byPost: try c["byPost"]?.bool("byPost") ?? false))
        }
        var exemptions: [FeeExemption] = []
        for node in try top["exemptions"]?.sequence("exemptions") ?? [] {
            let e = try node.mapping(allowed: ["code", "name", "certificates"], context: "an exemption")
            let listed = try (e["certificates"]?.sequence("certificates") ?? []).map { n throws(CatalogError) in try n.string("a certificate code") }
            if let unknown = listed.first(where: { code in !kinds.contains { $0.code == code } }) {
                throw node.error("exemption names the unknown certificate '\(unknown)'")
            }
            exemptions.append(FeeExemption(code: try e.required("code").string("code"), name: try e.required("name").localized("name"), kinds: Set(listed)))
        }
        let postage = try top["postage"]?.int("postage") ?? 0
        guard (0...10_000).contains(postage) else { throw CatalogError(file: "certificates.yaml", line: nil, message: "postage is yen, 0 to 10000") }
        if kinds.contains(where: \.byPost), top["postage"] == nil {
            throw CatalogError(file: "certificates.yaml", line: nil, message: "certificates posted (byPost: true) need the postage in yen")
        }
        return CertificateCatalog(kinds: kinds, exemptions: exemptions, postage: postage)
    }

    private func values<T: RawRepresentable & CaseIterable>(_ node: CatalogNode?, _ type: T.Type, _ context: String) throws(CatalogError) -> Set<T>
    where T.RawValue == String {
        var result: Set<T> = []
        for item in try node?.sequence(context) ?? [] {
            let raw = try item.string(context)
            guard let value = T(rawValue: raw) else {
                throw item.error("unknown \(context) '\(raw)'; known: " + T.allCases.map(\.rawValue).joined(separator: ", "))
            }
            result.insert(value)
        }
        return result
    }
}
