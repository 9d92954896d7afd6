import Foundation
import Yams

/// Reads a catalog folder (see `Catalog/README.md` for the layout) and checks everything in it:
/// a broken file stops the load with its name, line and what is wrong.
public enum CatalogLoader {
    /// Loads the catalog in `directory`. Linked folders and files are followed (a catalog folder is
    /// often a symlink to a versioned checkout).
    public static func load(directory: String) throws(CatalogError) -> Catalog {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CatalogError(file: directory, line: nil, message: "the catalog folder does not exist")
        }
        var files: [String: String] = [:]
        try collectYAML(in: directory, prefix: "", depth: 0, into: &files)
        return try load(files: files)
    }

    /// Files in the catalog folder that the catalog itself does not read.
    public static let residentFiles: Set<String> = ["residents.csv"]
    /// Data files beside the YAML that the catalog reads (and versions).
    static let dictionaryFiles: Set<String> = ["name-readings.csv"]

    private static func collectYAML(in folder: String, prefix: String, depth: Int, into files: inout [String: String]) throws(CatalogError) {
        guard depth < 8 else { throw CatalogError(file: prefix, line: nil, message: "folders nested too deep (a link loop?)") }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        // The resident records beside the rules are data about people, not rules: they do not version the catalog.
        for name in names where !name.hasPrefix(".") && !(prefix.isEmpty && residentFiles.contains(name)) {
            let path = folder + "/" + name
            let relative = prefix + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                try collectYAML(in: path, prefix: relative + "/", depth: depth + 1, into: &files)
            } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") || (prefix.isEmpty && dictionaryFiles.contains(name)) {
                guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                    throw CatalogError(file: relative, line: nil, message: "cannot be read as UTF-8 text")
                }
                files[relative] = text
            }
        }
    }

    /// Loads a catalog from file contents keyed by their path relative to the catalog folder.
    public static func load(files: [String: String]) throws(CatalogError) -> Catalog {
        var reader = CatalogReader(files: files.filter { !residentFiles.contains($0.key) })
        return try reader.catalog()
    }
}

struct CatalogReader {
    let files: [String: String]

    mutating func catalog() throws(CatalogError) -> Catalog {
        let municipality = try root("municipality.yaml").mapping(allowed: ["name", "prefecture", "sections", "hours"], context: "municipality.yaml")
        let sections = try municipality.required("sections").sequence("sections").map { node throws(CatalogError) in
            try section(node)
        }
        try unique(sections.map(\.code), nodes: try municipality.required("sections").sequence("sections"), what: "section code")

        let rules = try deadlineRules()
        let (memberQuestions, householdQuestions) = try questions()

        var procedures: [String: Procedure] = [:]
        var origins: [String: (file: String, line: Int?)] = [:]
        for file in files.keys.sorted() where file.hasPrefix("procedures/") {
            for (procedure, line) in try procedureFile(file, sections: sections) {
                origins[procedure.code] = origins[procedure.code] ?? (file, line)
                if let first = procedures[procedure.code] {
                    throw CatalogError(file: file, line: line, message: "procedure '\(procedure.code)' is defined twice "
                        + "(first in procedures/ for section \(first.section))")
                }
                procedures[procedure.code] = procedure
            }
        }
        guard !procedures.isEmpty else {
            throw CatalogError(file: "procedures/", line: nil, message: "no procedure files found")
        }

        // Forms that others build on (`base:`) first, then those built on them.
        var forms: [String: FormLayout] = [:]
        var derived: [CatalogNode] = []
        for file in files.keys.sorted() where file.hasPrefix("forms/") {
            let root = try root(file)
            guard try FormLayoutReader.base(of: root) == nil else { derived.append(root); continue }
            let form = try FormLayoutReader().layout(root)
            guard forms[form.id] == nil else { throw root.error("form '\(form.id)' is defined twice") }
            forms[form.id] = form
        }
        let bases = forms
        for root in derived {
            let form = try FormLayoutReader().layout(root, bases: bases)
            guard forms[form.id] == nil else { throw root.error("form '\(form.id)' is defined twice") }
            forms[form.id] = form
        }
        let questionIDs = Set(memberQuestions.map(\.id))
        for form in forms.values.sorted(by: { $0.id < $1.id }) {
            for field in form.fields + (form.table?.columns ?? []) where field.value == .memberAnswer && !questionIDs.contains(field.key ?? "") {
                throw CatalogError(file: "forms/", line: nil, message: "form '\(form.id)' prints the answer to '\(field.key ?? "")', "
                                   + "which questions.yaml does not ask of a member")
            }
        }
        for (code, procedure) in procedures.sorted(by: { $0.key < $1.key }) {
            for form in procedure.forms where forms[form] == nil {
                throw CatalogError(file: origins[code]?.file ?? "procedures/", line: origins[code]?.line,
                                   message: "procedure '\(code)' prints form '\(form)', which no file in forms/ defines")
            }
        }

        var events: [(order: Int, event: EventDefinition)] = []
        for file in files.keys.sorted() where file.hasPrefix("events/") {
            events.append(try eventFile(file, procedures: procedures, rules: rules,
                                        memberQuestions: memberQuestions, householdQuestions: householdQuestions))
        }
        guard !events.isEmpty else { throw CatalogError(file: "events/", line: nil, message: "no event files found") }
        let ids = events.map(\.event.id)
        if let duplicate = ids.first(where: { id in ids.count { $0 == id } > 1 }) {
            throw CatalogError(file: "events/", line: nil, message: "event '\(duplicate)' is defined twice")
        }

        let eventIDs = Set(events.map(\.event.id))
        for form in forms.values.sorted(by: { $0.id < $1.id }) {
            for field in form.fields where field.value == .eventTick && !eventIDs.contains(field.key ?? "") {
                throw CatalogError(file: "forms/", line: nil, message: "form '\(form.id)' ticks event '\(field.key ?? "")', which no file in events/ defines")
            }
        }

        let letters = sections.compactMap(\.queue?.letter)
        if let repeated = letters.first(where: { letter in letters.count { $0 == letter } > 1 }) {
            throw try municipality.required("sections").error("two sections give their tickets the letter '\(repeated)'")
        }
        // A counter number is one physical counter: two sections cannot send visitors to the same one.
        let desks = sections.flatMap { section in section.queue.map { $0.desks } ?? [] }
        if let repeated = desks.first(where: { desk in desks.count { $0 == desk } > 1 }) {
            throw try municipality.required("sections").error("two sections name counter \(repeated) in queue.desks")
        }
        var catalog = Catalog(
            municipality: try municipality.required("name").localized("name"),
            sections: sections,
            procedures: procedures,
            events: events.sorted { $0.order < $1.order }.map(\.event),
            deadlineRules: rules,
            memberQuestions: memberQuestions,
            householdQuestions: householdQuestions,
            forms: forms,
            // Translations change no rule: they do not version the catalog.
            version: CatalogDigest.of(files.filter { !$0.key.hasPrefix("messages/") }))
        catalog.messages = try messageCatalogs()
        if let hours = municipality["hours"] { catalog.hours = try openingHours(hours) }
        if files["handoffs.yaml"] != nil { catalog.handoffTargets = try handoffTargets(procedures: procedures) }
        if files["certificates.yaml"] != nil { catalog.certificates = try certificates(sections: sections) }
        let paperReader = PaperFormReader(events: catalog.events, procedures: procedures, memberQuestions: memberQuestions,
                                          householdQuestions: householdQuestions)
        for file in files.keys.sorted() where file.hasPrefix("paper/") {
            let root = try root(file)
            let form = try paperReader.form(root)
            guard catalog.paperForms[form.id] == nil else { throw root.error("paper form '\(form.id)' is defined twice") }
            catalog.paperForms[form.id] = form
        }
        if let readings = files["name-readings.csv"] { catalog.nameReadings = try NameReadings.read(csv: readings) }
        if let prefecture = municipality["prefecture"] {
            catalog.localAddresses = try localAddresses(prefecture: prefecture, city: catalog.municipality.ja)
        } else if files["towns.yaml"] != nil {
            throw CatalogError(file: "towns.yaml", line: nil, message: "towns need the municipality's prefecture (prefecture: in municipality.yaml)")
        }
        return catalog
    }

    /// `handoffs.yaml`: the core systems procedures are handed to.
    func handoffTargets(procedures: [String: Procedure]) throws(CatalogError) -> [HandoffTarget] {
        let top = try root("handoffs.yaml").mapping(allowed: ["targets"], context: "handoffs.yaml")
        var targets: [HandoffTarget] = []
        for node in try top.required("targets").sequence("targets") {
            let entries = try node.mapping(allowed: ["id", "name", "procedures", "delivery", "encoding", "columns", "url"], context: "a hand-off target")
            let idNode = try entries.required("id")
            let id = try idNode.string("id")
            guard (1...32).contains(id.count), id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
                throw idNode.error("a target id is 1–32 lower-case letters, digits or hyphens")
            }
            guard !targets.contains(where: { $0.id == id }) else { throw idNode.error("target '\(id)' is defined twice") }
            var codes: [String] = []
            for item in try entries.required("procedures").sequence("procedures") {
                let code = try item.string("procedures")
                guard procedures[code] != nil else { throw item.error("unknown procedure '\(code)'") }
                codes.append(code)
            }
            let deliveryNode = try entries.required("delivery")
            let text = try deliveryNode.string("delivery")
            guard let delivery = HandoffTarget.Delivery(rawValue: text) else {
                throw deliveryNode.error("delivery '\(text)' is not one of: " + HandoffTarget.Delivery.allCases.map(\.rawValue).joined(separator: ", "))
            }
            var layout: HandoffCSVLayout?
            if delivery == .csvFile {
                let encodingNode = try entries.required("encoding")
                let encodingText = try encodingNode.string("encoding")
                guard let encoding = HandoffCSVLayout.Encoding(rawValue: encodingText) else {
                    throw encodingNode.error("encoding '\(encodingText)' is not one of: " + HandoffCSVLayout.Encoding.allCases.map(\.rawValue).joined(separator: ", "))
                }
                var columns: [HandoffCSVLayout.Column] = []
                for column in try entries.required("columns").sequence("columns") {
                    let c = try column.mapping(allowed: ["header", "value"], context: "a column")
                    let valueNode = try c.required("value")
                    let valueText = try valueNode.string("value")
                    guard let value = HandoffCSVLayout.Value(rawValue: valueText) else {
                        throw valueNode.error("value '\(valueText)' is not one of: " + HandoffCSVLayout.Value.allCases.map(\.rawValue).joined(separator: ", "))
                    }
                    columns.append(HandoffCSVLayout.Column(header: try c.required("header").string("header"), value: value))
                }
                guard !columns.isEmpty else { throw node.error("a csv-file target needs columns") }
                layout = HandoffCSVLayout(columns: columns, encoding: encoding)
            } else if entries["columns"] != nil || entries["encoding"] != nil {
                throw node.error("columns and encoding are for a csv-file target")
            }
            var url: String?
            if let urlNode = entries["url"] {
                guard delivery == .push else { throw urlNode.error("url is for a push target") }
                let text = try urlNode.string("url")
                guard HandoffTarget.isPushURL(text) else { throw urlNode.error("url '\(text)' is not an http or https URL") }
                url = text
            }
            targets.append(HandoffTarget(id: id, name: try entries.required("name").localized("name"), procedures: codes, delivery: delivery,
                                         layout: layout, url: url))
        }
        return targets
    }

    func openingHours(_ node: CatalogNode) throws(CatalogError) -> OpeningHours {
        let entries = try node.mapping(allowed: ["open", "close"], context: "hours")
        func time(_ key: String) throws(CatalogError) -> Int {
            let field = try entries.required(key)
            guard let minutes = OpeningHours.minutes(try field.string(key)) else { throw field.error("hours.\(key) must be a time like 08:30") }
            return minutes
        }
        let hours = OpeningHours(open: try time("open"), close: try time("close"))
        guard hours.open < hours.close else { throw node.error("hours: the counters must open before they close") }
        return hours
    }

    func sectionQueue(_ node: CatalogNode) throws(CatalogError) -> SectionQueue {
        let entries = try node.mapping(allowed: ["letter", "counters", "minutes", "slotMinutes", "slotCapacity", "desks"], context: "a section's queue")
        let letterNode = try entries.required("letter")
        let letter = try letterNode.string("letter")
        guard letter.count == 1, letter.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw letterNode.error("queue.letter must be one capital letter A–Z")
        }
        func count(_ key: String, _ range: ClosedRange<Int>, default value: Int) throws(CatalogError) -> Int {
            guard let field = entries[key] else { return value }
            let number = try field.int(key)
            guard range.contains(number) else { throw field.error("queue.\(key) must be between \(range.lowerBound) and \(range.upperBound)") }
            return number
        }
        let counters = try count("counters", 1...50, default: 1)
        var desks: [Int]?
        if let field = entries["desks"] {
            var numbers: [Int] = []
            for item in try field.sequence("desks") {
                let number = try item.int("desks")
                guard (1...999).contains(number) else { throw item.error("queue.desks are counter numbers from 1 to 999") }
                numbers.append(number)
            }
            guard numbers.count == counters else { throw field.error("queue.desks must name each of the \(counters) counters once") }
            guard Set(numbers).count == numbers.count else { throw field.error("queue.desks names a counter twice") }
            desks = numbers
        }
        return SectionQueue(letter: letter, counters: counters, serviceMinutes: try count("minutes", 1...240, default: 10),
                            slotMinutes: try count("slotMinutes", 5...240, default: 30),
                            slotCapacity: try count("slotCapacity", 0...counters, default: 1), desks: desks)
    }

    // MARK: Files

    func root(_ file: String) throws(CatalogError) -> CatalogNode {
        guard let text = files[file] else { throw CatalogError(file: file, line: nil, message: "the file is missing") }
        return try CatalogNode.parse(text, file: file)
    }

    func section(_ node: CatalogNode) throws(CatalogError) -> Section {
        let entries = try node.mapping(allowed: ["code", "name", "place", "queue"], context: "a section")
        var section = Section(
            code: try entries.required("code").string("code"),
            name: try entries.required("name").localized("name"),
            place: try entries["place"]?.localized("place"))
        if let queue = entries["queue"] { section.queue = try sectionQueue(queue) }
        return section
    }

    func deadlineRules() throws(CatalogError) -> [String: DeadlineRule] {
        var rules: [String: DeadlineRule] = [:]
        for node in try root("deadlines.yaml").sequence("deadlines.yaml") {
            let entries = try node.mapping(allowed: ["id", "from", "days", "rollForward", "description"], context: "a deadline rule")
            let id = try entries.required("id").string("id")
            let from = try (entries["from"]?.sequence("from") ?? []).map { item throws(CatalogError) in
                let name = try item.string("from")
                guard let date = EventDateName(rawValue: name) else {
                    throw item.error("unknown date '\(name)'; known: " + EventDateName.allCases.map(\.rawValue).joined(separator: ", "))
                }
                return date
            }
            let days = try entries["days"]?.int("days") ?? 0
            guard from.isEmpty || entries["days"] != nil else { throw node.error("deadline rule '\(id)' counts from a date but has no 'days'") }
            guard rules[id] == nil else { throw node.error("deadline rule '\(id)' is defined twice") }
            rules[id] = DeadlineRule(
                id: id, from: from, days: days,
                rollsForward: try entries["rollForward"]?.bool("rollForward") ?? false,
                description: try entries.required("description").localized("description"))
        }
        return rules
    }

    func questions() throws(CatalogError) -> (member: [Question], household: [Question]) {
        let entries = try root("questions.yaml").mapping(allowed: ["member", "household"], context: "questions.yaml")
        let member = try entries.required("member").sequence("member").map { node throws(CatalogError) in
            try question(node) { id in MemberInput(rawValue: id).map { ($0.domain, $0) } }
        }
        let household = try entries.required("household").sequence("household").map { node throws(CatalogError) in
            try question(node) { id in HouseholdInput(rawValue: id).map { _ in (nil, nil) } }
        }
        return (member, household)
    }

    /// `known` answers the allowed values of a question id, or nil when the id is not an input field.
    func question(_ node: CatalogNode, known: (String) -> (domain: [String]?, input: MemberInput?)?) throws(CatalogError) -> Question {
        let entries = try node.mapping(allowed: ["id", "label", "hint", "type", "options", "asks", "family"], context: "a question")
        let id = try entries.required("id").string("id")
        guard let (domain, _) = known(id) else { throw node.error("'\(id)' is not a field the interview can ask") }
        let typeNode = try entries.required("type")
        let type = try typeNode.string("type")
        func options() throws(CatalogError) -> [Question.Option] {
            try entries.required("options").sequence("options").map { option throws(CatalogError) in
                let o = try option.mapping(allowed: ["value", "ja", "en", "easy", "others"], context: "an option")
                let value = try o.required("value").string("value")
                if let domain, !domain.contains(value) {
                    throw option.error("'\(value)' is not a value of \(id); possible: " + domain.joined(separator: ", "))
                }
                return Question.Option(value: value, label: LocalizedText(
                    ja: try o.required("ja").string("ja"), en: try o.required("en").string("en"), easy: try o["easy"]?.string("easy")),
                    forOthers: try o["others"]?.string("others"))
            }
        }
        let kind: Question.Kind
        switch type {
        case "choice": kind = .choice(try options())
        case "multiple": kind = .multipleChoice(try options())
        case "date": kind = .date
        case "yesno": kind = .yesNo
        case "count": kind = .count
        case "country": kind = .country
        default: throw typeNode.error("unknown question type '\(type)'; use choice, multiple, date, yesno, count or country")
        }
        var question = Question(id: id, label: try entries.required("label").localized("label"),
                                hint: try entries["hint"]?.localized("hint"), kind: kind)
        if let asks = entries["asks"] {
            guard case (_, .some)? = known(id) else { throw asks.error("only a member question can say whom it asks (asks)") }
            question.scope = try scope(asks)
        }
        if let family = entries["family"] {
            guard case (_, .some)? = known(id), case .choice(let options) = kind else {
                throw family.error("only a member question of type choice can be answered for the family (family)")
            }
            question.family = try family.bool("family")
            let values = Set(options.map(\.value))
            if let odd = options.first(where: { $0.forOthers.map { !values.contains($0) } ?? false }) {
                throw family.error("option '\(odd.value)' offers the others '\(odd.forOthers ?? "")', which is not one of its options")
            }
        } else if case .choice(let options) = kind, options.contains(where: { $0.forOthers != nil }) {
            throw node.error("options say what the others get (others), but the question is not family: true")
        }
        return question
    }

    /// `asks: {ages: "20-59", sex: female, relations: [head, spouse]}`.
    func scope(_ node: CatalogNode) throws(CatalogError) -> QuestionScope {
        let entries = try node.mapping(allowed: ["ages", "sex", "relations"], context: "asks")
        var ages: (min: Int?, max: Int?) = (nil, nil)
        if let field = entries["ages"] {
            guard let parsed = QuestionScope.ages(try field.string("ages")) else {
                throw field.error("asks.ages is a range of years like \"20-59\", \"40-\" or \"-5\"")
            }
            ages = parsed
        }
        var sex: Sex?
        if let field = entries["sex"] {
            let text = try field.string("sex")
            guard let value = Sex(rawValue: text) else { throw field.error("asks.sex is male or female, not '\(text)'") }
            sex = value
        }
        var relations: Set<Relation>?
        if let field = entries["relations"] {
            var set = Set<Relation>()
            for item in try field.sequence("relations") {
                let text = try item.string("relations")
                guard let relation = Relation(rawValue: text) else {
                    throw item.error("'\(text)' is not a relation; possible: " + Relation.allCases.map(\.rawValue).joined(separator: ", "))
                }
                set.insert(relation)
            }
            relations = set
        }
        return QuestionScope(minAge: ages.min, maxAge: ages.max, sex: sex, relations: relations)
    }

    func procedureFile(_ file: String, sections: [Section]) throws(CatalogError) -> [(Procedure, line: Int?)] {
        let top = try root(file)
        let entries = try top.mapping(allowed: ["section", "procedures"], context: file)
        let sectionNode = try entries.required("section")
        let section = try sectionNode.string("section")
        guard sections.contains(where: { $0.code == section }) else {
            throw sectionNode.error("unknown section '\(section)'; municipality.yaml lists: " + sections.map(\.code).joined(separator: ", "))
        }
        return try entries.required("procedures").sequence("procedures").map { node throws(CatalogError) in
            let p = try node.mapping(allowed: ["code", "name", "forms", "bring", "whoMayFile", "online", "myNumber"], context: "a procedure")
            return (Procedure(
                code: try p.required("code").string("code"),
                section: section,
                name: try p.required("name").localized("name"),
                forms: try (p["forms"]?.sequence("forms") ?? []).map { f throws(CatalogError) in try f.string("a form id") },
                bring: try (p["bring"]?.sequence("bring") ?? []).map { b throws(CatalogError) in try b.localized("bring") },
                whoMayFile: try (p["whoMayFile"]?.sequence("whoMayFile") ?? []).map { w throws(CatalogError) in try w.localized("whoMayFile") },
                online: try p["online"]?.bool("online") ?? false,
                handlesMyNumber: try p["myNumber"]?.bool("myNumber") ?? false), node.line)
        }
    }

    func eventFile(_ file: String, procedures: [String: Procedure], rules: [String: DeadlineRule],
                   memberQuestions: [Question], householdQuestions: [Question]) throws(CatalogError) -> (order: Int, event: EventDefinition) {
        let top = try root(file)
        let e = try top.mapping(allowed: ["id", "order", "name", "subject", "dates", "member", "household", "addresses", "procedures"], context: file)
        let id = try e.required("id").string("id")
        let subjectNode = try e.required("subject")
        guard let subject = MemberSet(rawValue: try subjectNode.string("subject")) else {
            throw subjectNode.error("unknown subject; use " + MemberSet.allCases.map(\.rawValue).joined(separator: ", "))
        }

        let datesNode = try e.required("dates")
        guard let dateMapping = datesNode.node.mapping else { throw datesNode.error("dates must map date names to labels") }
        var dates: [(name: EventDateName, label: LocalizedText)] = []
        for (key, value) in dateMapping {
            let keyNode = CatalogNode(node: key, file: file)
            guard let name = EventDateName(rawValue: try keyNode.string("a date name")) else {
                throw keyNode.error("unknown date; known: " + EventDateName.allCases.map(\.rawValue).joined(separator: ", "))
            }
            dates.append((name, try CatalogNode(node: value, file: file).localized(name.rawValue)))
        }
        guard dates.contains(where: { $0.name == .eventDate }) else { throw datesNode.error("dates must include eventDate") }

        let asked = try names(e["member"], "member", known: Set(memberQuestions.map(\.id)), list: "questions.yaml member")
        let household = try names(e["household"], "household", known: Set(householdQuestions.map(\.id)), list: "questions.yaml household")

        var triggers: [Trigger] = []
        for node in try e.required("procedures").sequence("procedures") {
            let t = try node.mapping(allowed: ["code", "when", "members", "deadline", "perMember", "reason"], context: "a procedure rule")
            let codeNode = try t.required("code")
            let code = try codeNode.string("code")
            guard procedures[code] != nil else { throw codeNode.error("unknown procedure '\(code)'") }
            guard !triggers.contains(where: { $0.code == code }) else { throw codeNode.error("procedure '\(code)' appears twice in this event") }
            let whenNode = try t.required("when")
            let text = try whenNode.string("when")
            let condition: Condition
            do {
                condition = try ConditionParser.parse(text)
            } catch {
                throw whenNode.error("in the condition “\(text)” at character \(error.offset + 1): \(error.message)")
            }
            for fact in condition.memberFacts {
                guard let input = fact.input else { continue }
                guard asked.contains(input.rawValue) else {
                    throw whenNode.error("the condition asks '\(fact.rawValue)', which this event's member questions do not include")
                }
            }
            var members: MemberSet?
            if let membersNode = t["members"] {
                guard let set = MemberSet(rawValue: try membersNode.string("members")) else {
                    throw membersNode.error("unknown member set; use " + MemberSet.allCases.map(\.rawValue).joined(separator: ", "))
                }
                members = set
            }
            let deadlineNode = try t.required("deadline")
            let ruleId = try deadlineNode.string("deadline")
            guard let rule = rules[ruleId] else {
                throw deadlineNode.error("unknown deadline rule '\(ruleId)'; deadlines.yaml defines: " + rules.keys.sorted().joined(separator: ", "))
            }
            triggers.append(Trigger(code: code, condition: condition, conditionText: text, members: members,
                                    deadline: rule, perMember: try t["perMember"]?.bool("perMember") ?? false,
                                    reason: try t.required("reason").localized("reason")))
        }
        let event = EventDefinition(id: id, name: try e.required("name").localized("name"), subject: subject,
                                    dates: dates, memberQuestions: asked, householdQuestions: household,
                                    addresses: try addresses(e["addresses"]), triggers: triggers)
        return (try e["order"]?.int("order") ?? Int.max, event)
    }

    /// `addresses:` — `[{kind: old, label: {ja, en}, required: true, local: true}, …]`, each kind at most once.
    func addresses(_ node: CatalogNode?) throws(CatalogError) -> [EventAddress] {
        guard let node else { return [.current] }
        var addresses: [EventAddress] = []
        for item in try node.sequence("addresses") {
            let a = try item.mapping(allowed: ["kind", "label", "required", "local"], context: "an address")
            let kindNode = try a.required("kind")
            guard let kind = EventAddress.Kind(rawValue: try kindNode.string("kind")) else {
                throw kindNode.error("unknown address kind; use " + EventAddress.Kind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard !addresses.contains(where: { $0.kind == kind }) else { throw kindNode.error("address '\(kind.rawValue)' appears twice") }
            addresses.append(EventAddress(kind: kind, label: try a.required("label").localized("label"),
                                          required: try a["required"]?.bool("required") ?? false,
                                          local: try a["local"]?.bool("local") ?? false))
        }
        guard !addresses.isEmpty else { throw node.error("addresses must name at least one address") }
        return addresses
    }

    func names(_ node: CatalogNode?, _ context: String, known: Set<String>, list: String) throws(CatalogError) -> [String] {
        try (node?.sequence(context) ?? []).map { item throws(CatalogError) in
            let name = try item.string(context)
            guard known.contains(name) else { throw item.error("'\(name)' is not in \(list)") }
            return name
        }
    }

    func unique(_ values: [String], nodes: [CatalogNode], what: String) throws(CatalogError) {
        for (index, value) in values.enumerated() where values[..<index].contains(value) {
            throw nodes[index].error("\(what) '\(value)' appears twice")
        }
    }
}

extension Condition {
    /// Every member fact the condition asks about.
    var memberFacts: Set<MemberFact> {
        switch self {
        case .literal, .event: []
        case .member(let fact): [fact]
        case .not(let c): c.memberFacts
        case .and(let a, let b), .or(let a, let b), .compare(let a, _, let b), .contains(let a, let b):
            a.memberFacts.union(b.memberFacts)
        case .quantified(_, _, let c), .count(_, let c): c.memberFacts
        }
    }
}

extension MemberFact {
    /// The input field a fact is read from; derived facts (age, kouki…) need only the birth date or relation.
    var input: MemberInput? {
        if let direct = MemberInput(rawValue: rawValue) { return direct }
        switch self {
        case .age, .kouki, .kaigo1, .underChildLimit, .schoolAge: return .birthDate
        case .parent, .child, .head: return .relation
        case .female, .male: return .sex
        default: return nil
        }
    }
}
