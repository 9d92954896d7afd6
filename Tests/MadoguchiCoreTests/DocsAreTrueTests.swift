import Foundation
import Testing
@testable import MadoguchiCore

/// `docs/catalog-spec.md` and `docs/guide-api.md` say what the code does: their tables are read here and
/// compared with the sample catalog (`Catalog/`) and the guide request parser, so that changing one without
/// the other fails. The tables are found by their `## ` heading; a data row is a row whose first cell
/// starts with a backquoted name.
@Suite struct DocsAreTrueTests {
    static let docs = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs")

    // MARK: - docs/catalog-spec.md

    /// Each event's table lists exactly the event's rules, in order, with their section, deadline rule and
    /// "per member"; every procedure of the catalog appears, and nothing the catalog does not define.
    @Test func theEventTablesAreTheSampleCatalogsRules() throws {
        let rows = try DocTableRow.rows(of: "catalog-spec.md", under: "## Events and their procedures")
        #expect(!rows.isEmpty, "catalog-spec.md has no event tables under '## Events and their procedures'")
        let catalog = SampleCatalog.catalog
        let byEvent = Dictionary(grouping: rows, by: { $0.subheading ?? "" })
        #expect(Set(byEvent.keys) == Set(catalog.events.map(\.id)),
                "catalog-spec.md has tables for \(byEvent.keys.sorted()); the catalog's events are \(catalog.events.map(\.id))")

        for event in catalog.events {
            let documented = byEvent[event.id] ?? []
            #expect(documented.map(\.key) == event.triggers.map(\.code),
                    "catalog-spec.md, \(event.id): the codes \(documented.map(\.key)) are not the rules of events/\(event.id).yaml, \(event.triggers.map(\.code))")
            for row in documented {
                let place = "catalog-spec.md:\(row.line) (\(event.id), \(row.key))"
                guard let procedure = catalog.procedures[row.key] else {
                    Issue.record("\(place): no procedure '\(row.key)' in Catalog/procedures/")
                    continue
                }
                #expect(DocTableRow.code(row.cell(1)) == procedure.section,
                        "\(place): section \(row.cell(1)), the catalog says \(procedure.section)")
                guard let trigger = event.triggers.first(where: { $0.code == row.key }) else { continue }
                #expect(DocTableRow.code(row.cell(3)) == trigger.deadline.id,
                        "\(place): deadline \(row.cell(3)), events/\(event.id).yaml says \(trigger.deadline.id)")
                #expect(row.cell(4) == (trigger.perMember ? "yes" : "no"),
                        "\(place): per member '\(row.cell(4))', events/\(event.id).yaml says perMember: \(trigger.perMember)")
            }
        }

        let documentedCodes = Set(rows.map(\.key))
        let undocumented = Set(catalog.procedures.keys).subtracting(documentedCodes)
        #expect(undocumented.isEmpty, "procedures of Catalog/procedures/ missing from catalog-spec.md: \(undocumented.sorted())")
        let unknown = documentedCodes.subtracting(catalog.procedures.keys)
        #expect(unknown.isEmpty, "codes in catalog-spec.md that Catalog/procedures/ does not define: \(unknown.sorted())")
    }

    /// The deadline-rule table is `Catalog/deadlines.yaml`: the dates counted from, the days, the roll-forward.
    @Test func theDeadlineRulesAreTheCatalogs() throws {
        let rows = try DocTableRow.rows(of: "catalog-spec.md", under: "## Deadline rules")
        let rules = SampleCatalog.catalog.deadlineRules
        #expect(Set(rows.map(\.key)) == Set(rules.keys),
                "catalog-spec.md's deadline rules \(rows.map(\.key)) are not those of deadlines.yaml, \(rules.keys.sorted())")
        for row in rows {
            guard let rule = rules[row.key] else { continue }
            let place = "catalog-spec.md:\(row.line) (\(row.key))"
            #expect(row.codes(1) == rule.from.map(\.rawValue),
                    "\(place): counts from \(row.codes(1)), deadlines.yaml says \(rule.from.map(\.rawValue))")
            guard !rule.from.isEmpty else { continue }
            #expect(Int(row.cell(2)) == rule.days, "\(place): \(row.cell(2)) days, deadlines.yaml says \(rule.days)")
            #expect(row.cell(3) == (rule.rollsForward ? "yes" : "no"),
                    "\(place): rolls forward '\(row.cell(3))', deadlines.yaml says \(rule.rollsForward)")
        }
    }

    /// The section table is `Catalog/municipality.yaml`'s sections, in visiting order, with サンプル市's names.
    @Test func theSectionsAreTheCatalogsInVisitingOrder() throws {
        let rows = try DocTableRow.rows(of: "catalog-spec.md", under: "## Sections")
        let sections = SampleCatalog.catalog.sections
        #expect(rows.map(\.key) == sections.map(\.code),
                "catalog-spec.md's sections \(rows.map(\.key)) are not municipality.yaml's, in order: \(sections.map(\.code))")
        for (row, section) in zip(rows, sections) where row.key == section.code {
            #expect(row.cell(1) == section.name.ja, "catalog-spec.md:\(row.line): \(row.key) is named \(section.name.ja) in municipality.yaml")
        }
    }

    // MARK: - docs/guide-api.md

    /// Every documented request field is one the parser reads: the base request is answered, and the same
    /// request with a wrong-typed value (1.5) in that field is refused naming exactly that field. A field the
    /// parser does not know would be ignored, and the request answered.
    @Test func everyDocumentedRequestFieldIsReadByTheParser() throws {
        let rows = try DocTableRow.rows(of: "guide-api.md", under: "## Request fields")
        #expect(!rows.isEmpty, "guide-api.md has no table under '## Request fields'")
        #expect(Self.firstError(Self.request(wrong: nil)) == nil, "the base request of this test must be valid")
        for row in rows {
            let path = row.key.replacingOccurrences(of: "[]", with: "[0]")
            guard let error = Self.firstError(Self.request(wrong: row.key)) else {
                Issue.record("guide-api.md:\(row.line): the parser ignores '\(row.key)' (a wrong value in it is accepted)")
                continue
            }
            #expect(error.field == path, "guide-api.md:\(row.line): a wrong '\(row.key)' is reported as \(error.field ?? "nil"): \(error.message)")
        }
    }

    /// Every field the code has on input is documented.
    @Test func everyInputFieldIsDocumented() throws {
        let documented = Set(try DocTableRow.rows(of: "guide-api.md", under: "## Request fields").map(\.key))
        var fields: Set<String> = ["event", "members", "members[].id"]
        fields.formUnion(EventDateName.allCases.map(\.rawValue))
        fields.formUnion(MemberInput.allCases.map { "members[].\($0.rawValue)" })
        fields.formUnion(HouseholdInput.allCases.map { input -> String in
            switch input {
            case .fromAbroad: return "from.abroad"
            case .dogs: return "household.dogs"
            case .mopeds: return "household.mopeds"
            }
        })
        let missing = fields.subtracting(documented)
        #expect(missing.isEmpty, "input fields missing from guide-api.md's request field table: \(missing.sorted())")
    }

    /// The values listed for the enumerated fields are exactly those the parser takes; the member limit is the parser's.
    @Test func theDocumentedValuesAreTheParsers() throws {
        let rows = try DocTableRow.rows(of: "guide-api.md", under: "## Request fields")
        for row in rows {
            let listed = Set(row.codes(1)).subtracting(["null"])
            if row.key == "event" {
                let events = Set(SampleCatalog.catalog.events.map(\.id))
                #expect(listed == events, "guide-api.md:\(row.line): events \(listed.sorted()), the catalog has \(events.sorted())")
            } else if row.key == "members" {
                #expect(row.cell(1).contains("1 to \(GuideRequestParser.maxMembers)"),
                        "guide-api.md:\(row.line): the parser takes 1 to \(GuideRequestParser.maxMembers) members")
            } else if row.key.hasPrefix("members[]."), let input = MemberInput(rawValue: String(row.key.dropFirst("members[].".count))),
                      let domain = input.domain {
                #expect(listed == Set(domain), "guide-api.md:\(row.line): \(row.key) lists \(listed.sorted()), the parser takes \(domain)")
            }
        }
    }

    /// Every documented error code is one the API sends.
    @Test func theDocumentedErrorCodesExist() throws {
        let rows = try DocTableRow.rows(of: "guide-api.md", under: "## Errors")
        #expect(!rows.isEmpty, "guide-api.md has no error code table under '## Errors'")
        for row in rows {
            #expect(GuideError.Code(rawValue: row.key) != nil, "guide-api.md:\(row.line): no error code '\(row.key)' in GuideError.Code")
        }
    }

    // MARK: - Helpers

    /// A valid move-in of one person, or the same with the number 1.5 (a wrong type for every field) at
    /// `wrong`: `eventDate`, `household.dogs`, `members[].pregnant`, `members`.
    private static func request(wrong: String?) -> JSONValue {
        var body: [String: JSONValue] = ["event": .string("move-in"), "eventDate": .string("2026-04-01")]
        var member: [String: JSONValue] = [
            "id": .string("a"), "relation": .string("head"), "sex": .string("female"), "birthDate": .string("1986-07-14"),
        ]
        if let wrong {
            let value = JSONValue.number(1.5)
            let memberPrefix = "members[]."
            if wrong.hasPrefix(memberPrefix) {
                member[String(wrong.dropFirst(memberPrefix.count))] = value
            } else if let dot = wrong.firstIndex(of: ".") {
                body[String(wrong[..<dot])] = .object([String(wrong[wrong.index(after: dot)...]): value])
            } else {
                body[wrong] = value
            }
        }
        if body["members"] == nil { body["members"] = .array([.object(member)]) }
        return .object(body)
    }

    private static func firstError(_ request: JSONValue) -> GuideError? {
        let parser = GuideRequestParser(catalog: SampleCatalog.catalog)
        do throws(GuideError) {
            _ = try parser.parse(request)
            return nil
        } catch {
            return error
        }
    }
}

/// One data row of a markdown table in `docs/`, with the headings it stands under.
private struct DocTableRow {
    /// The `## ` heading line above the table.
    let heading: String
    /// The first backquoted name of the `### ` heading above the table, if any (`move-in`).
    let subheading: String?
    let cells: [String]
    /// 1-based, for the failure messages.
    let line: Int

    /// The first cell without its backquotes.
    var key: String { cells.first.map(Self.code) ?? "" }

    func cell(_ index: Int) -> String { index < cells.count ? cells[index] : "" }

    /// The backquoted names in a cell: "`eventDate`, `knownDate`" → ["eventDate", "knownDate"].
    func codes(_ index: Int) -> [String] { Self.codes(in: cell(index)) }

    static func codes(in text: String) -> [String] {
        let parts = text.split(separator: "`", omittingEmptySubsequences: false)
        return stride(from: 1, to: parts.count, by: 2).map { String(parts[$0]) }
    }

    static func code(_ text: String) -> String { codes(in: text).first ?? text }

    /// The data rows of the tables under `heading` (the whole `## ` line) in `docs/<file>`.
    static func rows(of file: String, under heading: String) throws -> [DocTableRow] {
        let text = try String(contentsOf: DocsAreTrueTests.docs.appendingPathComponent(file), encoding: .utf8)
        var rows: [DocTableRow] = []
        var h2 = ""
        var h3: String?
        var inCodeBlock = false
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("```") {
                inCodeBlock.toggle()
            } else if inCodeBlock {
                continue
            } else if line.hasPrefix("## ") {
                h2 = line
                h3 = nil
            } else if line.hasPrefix("### ") {
                h3 = codes(in: line).first
            } else if line.hasPrefix("| `"), h2 == heading {
                var cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                cells.removeFirst()
                if cells.last == "" { cells.removeLast() }
                rows.append(DocTableRow(heading: h2, subheading: h3, cells: cells, line: index + 1))
            }
        }
        return rows
    }
}
