import Foundation
import MadoguchiCore

/// The counter's certificate pages: the request, the receipt, the day's 交付 log.
enum CertificateViews {
    static func form(query: String, found: [Resident], resident: Resident?, request: CertificateRequest?, problems: [String],
                     catalog: Catalog, signedIn: SignedIn?, _ context: PageContext) -> Markup {
        let title = context.t("証明書の交付", "Issuing certificates")
        return Layout.page(title: title, context) {
            StaffBar.render(signedIn, context)
            el("p") {
                el("a", ["href": "/counter"]) { context.t("← 窓口", "← Counter") }
                "　"
                el("a", ["href": "/counter/certificates/log", "id": "to-log"]) { context.t("本日の交付記録", "Today's log") }
                "　"
                el("a", ["href": "/counter/certificates/online", "id": "to-online"]) { context.t("郵送請求（オンライン）", "Requests by post (online)") }
            }
            el("h1") { title }
            if !problems.isEmpty {
                el("div", ["class": "error-summary", "role": "alert", "tabindex": "-1", "id": "certificate-problems"]) {
                    el("h2") { context.t("交付できません", "Cannot be issued") }
                    el("ul") { for problem in problems { el("li") { problem } } }
                }
            }
            if let resident {
                requestForm(resident, request: request, catalog: catalog, csrf: signedIn?.csrfToken ?? "", context)
            } else {
                search(query, found: found, context)
            }
        }
    }

    private static func search(_ query: String, found: [Resident], _ context: PageContext) -> Markup {
        el("section", ["class": "panel"]) {
            el("h2") { context.t("だれの証明書ですか", "Whose certificate?") }
            el("form", ["method": "get", "action": "/counter/certificates", "class": "filters"]) {
                el("label", ["for": "q"]) { context.t("氏名・フリガナ・生年月日・住民票コード", "Name, kana, birth date or resident code") }
                el("input", ["type": "search", "id": "q", "name": "q", "value": query, "autocomplete": "off", "autofocus": ""])
                el("button", ["type": "submit", "id": "search-resident"]) { context.t("探す", "Search") }
            }
            if !query.isEmpty {
                if found.isEmpty { el("p", ["class": "hint"]) { context.t("見つかりません。", "No one found.") } }
                el("ul", ["id": "found"]) {
                    for resident in found {
                        el("li") {
                            el("a", ["href": "/counter/certificates?resident=\(SitePath.queryPart(resident.code))", "id": "resident-\(resident.code)"]) {
                                "\(resident.name.full)（\(resident.furigana ?? "")）\(resident.birthDate.iso)　\(resident.address.lines.joined(separator: "　"))"
                            }
                        }
                    }
                }
            }
        }
    }

    private static func requestForm(_ resident: Resident, request: CertificateRequest?, catalog: Catalog, csrf: String,
                                    _ context: PageContext) -> Markup {
        let kinds = catalog.certificates.kinds
        let item = { (code: String) in request?.items.first { $0.kind == code } }
        return el("form", ["method": "post", "action": "/counter/certificates", "id": "certificate-form"]) {
            el("input", ["type": "hidden", "name": CSRF.field, "value": csrf])
            el("input", ["type": "hidden", "name": "resident", "value": resident.code])
            el("section", ["class": "panel", "id": "certificate-resident"]) {
                el("h2") { context.t("対象の方", "For") }
                el("p") { "\(resident.name.full)（\(resident.furigana ?? "")）　\(resident.birthDate.iso)" }
                el("p") { resident.address.lines.joined(separator: "　") }
                if resident.sealRegistered { el("p", ["class": "hint"]) { context.t("印鑑登録あり", "Seal registered") } }
            }
            el("fieldset") {
                el("legend") { context.t("請求する方", "Who asks") }
                for requester in CertificateRequester.allCases {
                    el("label", ["class": "choice"]) {
                        el("input", ["type": "radio", "name": "requester", "value": requester.rawValue, "id": "requester-\(requester.rawValue)",
                                     "checked": (request?.requester ?? .person) == requester ? "" : nil])
                        context.t(requester.name)
                    }
                }
                field("requesterName", context.t("窓口に来た方の氏名（本人以外）", "Name of who came (if not the person)"), request?.requesterName ?? "")
                field("purpose", context.t("請求の理由・提出先", "Reason and where it goes"), request?.purpose ?? "")
                checkbox("letterOfAttorney", context.t("委任状を確認した", "Letter of attorney seen"), request?.letterOfAttorney ?? false)
                checkbox("seen-sealCard", context.t("印鑑登録証（カード）を確認した", "Seal registration card seen"), request?.seen.contains(.sealCard) ?? false)
                checkbox("seen-honsekiInCity", context.t("本籍がこの市にあることを確認した", "The family register is in this city"),
                         request?.seen.contains(.honsekiInCity) ?? false)
            }
            el("fieldset") {
                el("legend") { context.t("証明書と通数", "Certificates and copies") }
                el("table", ["class": "data", "id": "certificate-kinds"]) {
                    el("thead") { el("tr") {
                        el("th") { context.t("証明書", "Certificate") }
                        el("th") { context.t("1通", "Per copy") }
                        el("th") { context.t("通数", "Copies") }
                        el("th") { context.t("載せる事項", "Shows") }
                    } }
                    el("tbody") {
                        for kind in kinds {
                            el("tr", ["data-kind": kind.code]) {
                                el("td") { el("label", ["for": "copies-\(kind.code)"]) { context.t(kind.name) } }
                                el("td") { "\(kind.fee)円" }
                                el("td") {
                                    el("input", ["type": "number", "min": "0", "max": String(CertificateRequest.maximumCopies), "inputmode": "numeric",
                                                 "id": "copies-\(kind.code)", "name": "copies-\(kind.code)",
                                                 "value": item(kind.code).map { String($0.copies) } ?? "0"])
                                }
                                el("td") {
                                    for option in CertificateOption.allCases where kind.options.contains(option) {
                                        checkbox("option-\(kind.code)-\(option.rawValue)", CertificateRules.optionName(option),
                                                 item(kind.code)?.options.contains(option) ?? false)
                                    }
                                }
                            }
                        }
                    }
                }
                if !catalog.certificates.exemptions.isEmpty {
                    el("label", ["for": "exemption"]) { context.t("手数料の免除", "Fee waived") }
                    el("select", ["id": "exemption", "name": "exemption"]) {
                        el("option", ["value": ""]) { context.t("なし", "None") }
                        for exemption in catalog.certificates.exemptions {
                            el("option", ["value": exemption.code, "selected": request?.exemption == exemption.code ? "" : nil]) { context.t(exemption.name) }
                        }
                    }
                }
            }
            el("div", ["class": "actions"]) {
                el("button", ["type": "submit", "id": "issue"]) { context.t("交付して領収書を出す", "Issue and print the receipt") }
            }
        }
    }

    private static func field(_ name: String, _ label: String, _ value: String) -> Markup {
        el("div", ["class": "field"]) {
            el("label", ["for": name]) { label }
            el("input", ["type": "text", "id": name, "name": name, "value": value, "maxlength": "200", "autocomplete": "off"])
        }
    }

    private static func checkbox(_ name: String, _ label: String, _ checked: Bool) -> Markup {
        el("label", ["class": "choice"]) {
            el("input", ["type": "checkbox", "id": name, "name": name, "checked": checked ? "" : nil])
            label
        }
    }

    /// 領収書 with the 交付 slip: what was issued, for whom, to whom, the fee.
    static func receipt(_ issuance: CertificateIssuance, catalog: Catalog, signedIn: SignedIn?, _ context: PageContext) -> Markup {
        let title = context.t("領収書", "Receipt") + " " + issuance.number
        let requester = CertificateRequester(rawValue: issuance.requester)
        return Layout.page(title: title, context) {
            StaffBar.render(signedIn, context)
            el("p", ["class": "no-print"]) {
                el("a", ["href": "/counter/certificates"]) { context.t("← 次の交付", "← Next request") }
            }
            el("article", ["class": "receipt", "id": "receipt"]) {
                el("h1") { context.t("領収書", "Receipt") }
                el("p", ["id": "receipt-number"]) { context.t("番号", "No.") + " " + issuance.number }
                el("p") { context.date(JapanTime.dayAndMinute(issuance.issuedAt.timeIntervalSince1970).date) }
                el("p", ["id": "receipt-to"]) { issuance.requesterName + context.t(" 様", "") }
                el("table", ["class": "data", "id": "receipt-items"]) {
                    el("thead") { el("tr") {
                        el("th") { context.t("証明書", "Certificate") }
                        el("th") { context.t("通数", "Copies") }
                        el("th") { context.t("手数料", "Fee") }
                    } }
                    el("tbody") {
                        for item in issuance.items.items {
                            el("tr", ["data-kind": item.kind]) {
                                el("td") { item.name + (item.options.isEmpty ? "" : "（" + item.options.joined(separator: "・") + "）") }
                                el("td") { "\(item.copies)通" }
                                el("td") { "\(item.fee)円" }
                            }
                        }
                    }
                }
                el("p", ["class": "total", "id": "receipt-total"]) { context.t("合計", "Total") + " \(issuance.total)円" }
                if let code = issuance.exemption, let exemption = catalog.certificates.exemption(code) {
                    el("p", ["id": "receipt-exemption"]) { context.t("手数料免除：", "Fee waived: ") + context.t(exemption.name) }
                }
                el("p") { context.t("上記のとおり領収しました。", "Received with thanks.") + " " + context.t(catalog.municipality) }
                el("p", ["class": "hint"]) {
                    context.t("対象：", "For: ") + issuance.residentName + "　" + context.t("請求：", "Asked by: ")
                        + (requester.map { context.t($0.name) } ?? issuance.requester) + "　" + context.t("担当：", "Staff: ") + issuance.staff
                }
            }
            el("div", ["class": "actions no-print"]) {
                el("button", ["type": "button", "data-print": "", "hidden": ""]) { context.t("領収書を印刷", "Print the receipt") }
            }
        }
    }

    /// The day's 交付 log.
    static func log(_ issued: [CertificateIssuance], day: CivilDate, catalog: Catalog, signedIn: SignedIn?, _ context: PageContext) -> Markup {
        let title = context.t("証明書の交付記録", "Certificate log")
        return Layout.page(title: title, context) {
            StaffBar.render(signedIn, context)
            el("p") { el("a", ["href": "/counter/certificates"]) { context.t("← 証明書の交付", "← Issuing certificates") } }
            el("h1") { title + " " + day.iso }
            el("form", ["method": "get", "action": "/counter/certificates/log", "class": "filters"]) {
                el("label", ["for": "date"]) { context.t("日付", "Date") }
                el("input", ["type": "date", "id": "date", "name": "date", "value": day.iso])
                el("button", ["type": "submit"]) { context.t("表示", "Show") }
            }
            el("p", ["id": "log-summary"]) {
                context.t("{0}件、手数料 合計{1}円", "{0} issued, fees {1} yen in all", issued.count, issued.reduce(0) { $0 + $1.total })
            }
            el("table", ["class": "data", "id": "certificate-log"]) {
                el("thead") { el("tr") {
                    for heading in [context.t("番号", "No."), context.t("時刻", "Time"), context.t("対象", "For"), context.t("請求者", "Asked by"),
                                    context.t("理由", "Reason"), context.t("証明書", "Certificates"), context.t("手数料", "Fee"), context.t("担当", "Staff")] {
                        el("th") { heading }
                    }
                } }
                el("tbody") {
                    for issuance in issued {
                        el("tr", ["data-number": issuance.number]) {
                            el("td") { el("a", ["href": "/counter/certificates/\(issuance.id?.uuidString ?? "")"]) { issuance.number } }
                            el("td") { AuditView.timeFormat.string(from: issuance.issuedAt) }
                            el("td") { issuance.residentName }
                            el("td") { issuance.requesterName + "（" + (CertificateRequester(rawValue: issuance.requester).map { context.t($0.name) } ?? "") + "）" }
                            el("td") { issuance.purpose }
                            el("td") { issuance.items.items.map { "\($0.name)×\($0.copies)" }.joined(separator: "、") }
                            el("td") { "\(issuance.total)円" + (issuance.exemption == nil ? "" : context.t("（免除）", " (waived)")) }
                            el("td") { issuance.staff }
                        }
                    }
                }
            }
        }
    }
}
