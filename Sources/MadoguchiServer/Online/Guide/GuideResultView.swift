import MadoguchiCore

/// The guide's answer: the procedures grouped by section in visiting order, each with its deadline
/// (和暦 and 西暦), whom it concerns and why, and what to bring. Printed, it is the citizen's checklist.
enum GuideResultView {
    static func render(event: LifeEvent, definition: EventDefinition, findings: [Finding], form: GuideForm,
                       paperForms: [PaperForm] = [], _ context: PageContext) -> Markup {
        let title = context.t("必要な手続き", "Your procedures")
        let sections = groupBySection(findings)
        return Layout.page(title: title, context) {
            el("h1") { title }
            el("div", ["class": "summary"]) {
                el("dl") {
                    el("dt") { context.t("できごと", "Event") }
                    el("dd") { context.t(definition.name) }
                    el("dt") { context.t(definition.dates.first { $0.name == .eventDate }?.label ?? definition.name) }
                    el("dd") { context.date(event.date) }
                    el("dt") { context.t("手続きの数", "Procedures") }
                    el("dd", ["id": "procedure-count"]) {
                        sections.count == 1
                            ? context.t("{0}件（1か所の窓口）", "{0} at 1 counter", findings.count)
                            : context.t("{0}件（{1}か所の窓口）", "{0} at {1} counters", findings.count, sections.count)
                    }
                }
            }
            el("form", ["method": "post", "action": context.link("/apply", []), "class": "apply-start"]) {
                el("input", ["type": "hidden", "name": "event", "value": definition.id])
                for (key, value) in form.values.sorted(by: { $0.key < $1.key }) where key != "event" && key != "people" {
                    el("input", ["type": "hidden", "name": key, "value": value])
                }
                el("input", ["type": "hidden", "name": "people", "value": String(form.people)])
                el("p") {
                    context.t("氏名や住所を前もって入力しておくと、窓口では書かずに済みます。オンラインで完了できる手続きもあります。",
                              "Enter names and addresses now and you will not need to write at the counter; some procedures can be finished online.")
                }
                el("button", ["type": "submit", "id": "apply-online"]) { context.t("これらの手続きをオンラインで準備する", "Prepare these procedures online") }
            }
            el("div", ["class": "actions"]) {
                el("button", ["type": "button", "data-print": "", "hidden": ""]) { context.t("チェックリストを印刷する", "Print the checklist") }
                el("a", ["class": "button secondary", "href": context.link("/guide")]) { context.t("最初からやり直す", "Start again") }
            }
            for (section, items) in sections {
                el("section", ["class": "section", "id": "section-\(section.code)"]) {
                    el("h2") { context.t(section.name) }
                    if let place = section.place { el("p", ["class": "place"]) { context.t(place) } }
                    el("ol", ["class": "procedures"]) {
                        for finding in items {
                            procedure(finding, event: event, paper: paperForms.filter { $0.procedures.contains(finding.procedure.code) }, context)
                        }
                    }
                }
            }
        }
    }

    static func groupBySection(_ findings: [Finding]) -> [(Section, [Finding])] {
        var groups: [(Section, [Finding])] = []
        for finding in findings {
            if let last = groups.indices.last, groups[last].0.code == finding.section.code {
                groups[last].1.append(finding)
            } else {
                groups.append((finding.section, [finding]))
            }
        }
        return groups
    }

    static func procedure(_ finding: Finding, event: LifeEvent, paper: [PaperForm], _ context: PageContext) -> Markup {
        let procedure = finding.procedure
        return el("li", ["class": "procedure", "id": "procedure-\(procedure.code)", "data-code": procedure.code]) {
            el("div", ["class": "title"]) {
                el("span", ["class": "box", "aria-hidden": "true"])
                el("h3") {
                    context.t(procedure.name)
                    if procedure.online { el("span", ["class": "badge"]) { context.t("オンライン申請できます", "Can be done online") } }
                }
            }
            if let deadline = finding.deadline {
                el("p", ["class": "deadline"]) {
                    context.t("期限：{0}まで", "Deadline: {0}", context.date(deadline))
                    el("br")
                    el("small") { context.t(finding.trigger.deadline.description) }
                }
            } else {
                el("p", ["class": "deadline none"]) { context.t(finding.trigger.deadline.description) }
            }
            el("p") {
                el("strong") { context.t("対象：", "For: ") }
                finding.members.compactMap { id in event.members.first { $0.id == id } }
                    .map { describe($0, in: event, context) }.joined(separator: context.t("、", ", "))
            }
            el("p", ["class": "reason"]) { context.t(finding.trigger.reason) }
            if !procedure.bring.isEmpty {
                el("p", ["class": "label"]) { context.t("持ち物", "What to bring") }
                el("ul") { for item in procedure.bring { el("li") { context.t(item) } } }
            }
            if !procedure.whoMayFile.isEmpty {
                el("p") {
                    el("strong") { context.t("届け出できる人：", "Who may file: ") }
                    procedure.whoMayFile.map { context.t($0) }.joined(separator: context.t("／", " / "))
                }
            }
            // A form to fill at home and post (or bring): printed blank for the scanner at the city hall.
            for form in paper {
                el("p", ["class": "paper-form"]) {
                    el("a", ["href": "/paper/forms/\(form.id).pdf", "id": "paper-\(form.id)-\(procedure.code)", "download": "\(form.id).pdf"]) {
                        context.t("手書きの申請用紙（PDF）：{0}", "Paper form to fill by hand (PDF): {0}", context.t(form.name))
                    }
                }
            }
        }
    }

    /// "1人目（世帯主・40歳）".
    static func describe(_ member: Member, in event: LifeEvent, _ context: PageContext) -> String {
        let position = event.members.firstIndex { $0.id == member.id }.map { $0 + 1 } ?? 0
        let age = LegalAge.age(bornOn: member.birthDate, on: event.date)
        let relation: String
        switch member.relation {
        case .head: relation = context.t("世帯主", "head of household")
        case .spouse: relation = context.t("配偶者", "spouse")
        case .child: relation = context.t("子", "child")
        case .parent: relation = context.t("父母", "parent")
        case .other: relation = context.t("その他", "other")
        case .newborn: relation = context.t("生まれた子", "newborn")
        }
        return context.t("{0}人目（{1}・{2}歳）", "person {0} ({1}, {2})", position, relation, age)
    }
}
