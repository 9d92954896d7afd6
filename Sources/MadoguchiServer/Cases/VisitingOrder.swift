import MadoguchiCore

/// Procedures in the order a citizen visits the sections (the catalog lists the sections that way), and
/// within a section by the catalog's order of procedures: every list a citizen or a clerk reads uses it.
extension Array where Element == CaseProcedureRecord {
    func inVisitingOrder(_ catalog: Catalog) -> [CaseProcedureRecord] {
        let sections = Dictionary(uniqueKeysWithValues: catalog.sections.enumerated().map { ($1.code, $0) })
        let codes = Dictionary(catalog.procedures.keys.sorted().enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return sorted { a, b in
            (sections[a.section] ?? Int.max, a.deadline ?? "9999", codes[a.code] ?? Int.max)
                < (sections[b.section] ?? Int.max, b.deadline ?? "9999", codes[b.code] ?? Int.max)
        }
    }
}

/// Where to go and by when, as a citizen reads it under a procedure's name.
enum ProcedureWhereAndWhen {
    static func markup(_ procedure: CaseProcedureRecord, catalog: Catalog, _ context: PageContext) -> Markup {
        let section = catalog.section(procedure.section)
        let place = [section.map { context.t($0.name) }, section?.place.map { context.t($0) }].compactMap { $0 }.joined(separator: context.t("　", ", "))
        return el("p", ["class": "where-when"]) {
            if !place.isEmpty { el("span", ["class": "where"]) { context.t("窓口：", "Where: ") + place } }
            if let deadline = procedure.deadline.flatMap(CivilDate.init(iso:)) {
                el("br")
                el("span", ["class": "when"]) { context.t("期限：", "By: ") + context.date(deadline) }
            }
        }
    }
}
