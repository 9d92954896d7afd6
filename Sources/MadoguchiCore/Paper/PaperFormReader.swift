/// Reads `paper/*.yaml` into paper forms, checking what a scan could not survive: zones off the page, over the
/// corner marks or the QR code, or over each other, and fields no Case form has.
struct PaperFormReader {
    let events: [EventDefinition]
    let procedures: [String: Procedure]
    let memberQuestions: [Question]
    let householdQuestions: [Question]

    func form(_ root: CatalogNode) throws(CatalogError) -> PaperForm {
        let e = try root.mapping(allowed: ["id", "version", "name", "event", "procedures", "zones", "preset", "texts"], context: "a paper form")
        let id = try e.required("id").string("id")
        let versionNode = try e.required("version")
        let version = try versionNode.int("version")
        guard (1...999).contains(version) else { throw versionNode.error("version is a whole number from 1 to 999") }
        let eventNode = try e.required("event")
        let event = try eventNode.string("event")
        guard events.contains(where: { $0.id == event }) else {
            throw eventNode.error("unknown event '\(event)'; events: " + events.map(\.id).joined(separator: ", "))
        }
        let procedureNodes = try e.required("procedures").sequence("procedures")
        let codes = try procedureNodes.map { node throws(CatalogError) -> String in
            let code = try node.string("a procedure")
            guard procedures[code] != nil else { throw node.error("unknown procedure '\(code)'") }
            return code
        }
        var zones: [PaperZone] = []
        for node in try e.required("zones").sequence("zones") {
            let zone = try self.zone(node)
            if zones.contains(where: { $0.id == zone.id }) { throw node.error("zone '\(zone.id)' appears twice") }
            if let other = zones.first(where: { Self.overlap(PaperGeometry.extent($0), PaperGeometry.extent(zone)) }) {
                throw node.error("zone '\(zone.id)' overlaps zone '\(other.id)' (a zone takes 5 mm above its boxes for its label)")
            }
            zones.append(zone)
        }
        guard !zones.isEmpty else { throw root.error("a paper form needs zones") }
        var form = PaperForm(id: id, version: version, name: try e.required("name").localized("name"), event: event,
                             procedures: codes, zones: zones)
        if let preset = e["preset"] {
            guard let mapping = preset.node.mapping else { throw preset.error("preset maps Case form fields to values") }
            for (key, value) in mapping {
                guard let field = key.scalar?.string, isCaseField(field), let text = value.scalar?.string else {
                    throw preset.error("preset maps Case form fields (m1-relation) to values (newborn)")
                }
                form.preset[field] = text
            }
        }
        for node in try e["texts"]?.sequence("texts") ?? [] {
            let t = try node.mapping(allowed: ["text", "at", "size"], context: "a text")
            let at = try FormLayoutReader().numbers(try t.required("at"), "at", count: 2)
            form.texts.append((try t.required("text").string("text"), at[0], at[1], t["size"]?.node.float ?? 9))
        }
        return form
    }

    private func zone(_ node: CatalogNode) throws(CatalogError) -> PaperZone {
        let z = try node.mapping(allowed: ["id", "label", "kind", "field", "at", "cells", "size", "options", "spacing", "doubleKey"],
                                 context: "a zone")
        let id = try z.required("id").string("id")
        let fieldNode = try z.required("field")
        let fields = fieldNode.node.sequence == nil ? [try fieldNode.string("field")]
            : try fieldNode.sequence("field").map { item throws(CatalogError) in try item.string("field") }
        for field in fields where !isCaseField(field) {
            throw fieldNode.error("'\(field)' is not a Case form field (eventDate, dogs, new-postcode, m0-familyKana, m1-insurance, …) or detail")
        }
        guard !fields.isEmpty else { throw fieldNode.error("field names the Case form field the value goes to") }
        let atNode = try z.required("at")
        let at = try FormLayoutReader().numbers(atNode, "at", count: 2)
        let kindNode = try z.required("kind")
        let kind: PaperZone.Kind
        switch try kindNode.string("kind") {
        case "digits", "katakana":
            let cellsNode = try z.required("cells")
            let cells = try cellsNode.int("cells")
            guard (1...20).contains(cells) else { throw cellsNode.error("cells is from 1 to 20") }
            kind = try kindNode.string("kind") == "digits" ? .digits(cells: cells) : .katakana(cells: cells)
        case "checkbox": kind = .checkbox
        case "date": kind = .date
        case "choice":
            let options = try z.required("options").sequence("options").map { option throws(CatalogError) -> PaperChoice in
                let o = try option.mapping(allowed: ["value", "ja", "en"], context: "an option")
                return PaperChoice(value: try o.required("value").string("value"),
                                   label: LocalizedText(ja: try o.required("ja").string("ja"), en: try o.required("en").string("en")))
            }
            guard options.count >= 2 else { throw kindNode.error("a choice has at least two options") }
            let spacing = z["spacing"]?.node.float ?? 30
            guard spacing >= 15 else { throw kindNode.error("spacing (between options) is at least 15 mm") }
            kind = .choice(options, spacing: spacing)
        case "text":
            let sizeNode = try z.required("size")
            let size = try FormLayoutReader().numbers(sizeNode, "size", count: 2)
            guard size[0] >= 10, size[1] >= 8 else { throw sizeNode.error("size is [width, height], at least [10, 8] mm") }
            kind = .text(width: size[0], height: size[1])
        default:
            throw kindNode.error("kind is digits, katakana, checkbox, choice, date or text")
        }
        let zone = PaperZone(id: id, label: try z.required("label").localized("label"), kind: kind, fields: fields,
                             x: at[0], y: at[1], doubleKey: try z["doubleKey"]?.bool("doubleKey") ?? false)
        let extent = PaperGeometry.extent(zone)
        let margin = PaperGeometry.markInset + PaperGeometry.markSize + 2
        guard extent.x >= margin, extent.y >= margin, extent.x + extent.width <= PaperGeometry.pageWidth - margin,
              extent.y + extent.height <= PaperGeometry.pageHeight - margin else {
            throw atNode.error("zone '\(id)' reaches into the page's margin or corner marks (keep \(Int(margin)) mm clear)")
        }
        let qr = (x: PaperGeometry.qrX - 2, y: PaperGeometry.qrY - 2, width: PaperGeometry.qrSide + 4, height: PaperGeometry.qrSide + 4)
        guard !Self.overlap(extent, qr) else { throw atNode.error("zone '\(id)' covers the QR code (top right)") }
        return zone
    }

    /// A field of the Case form: a date, a household count or answer, an address part or a person's field.
    private func isCaseField(_ field: String) -> Bool {
        if field == PaperZone.detailField { return true }
        if EventDateName(rawValue: field) != nil || householdQuestions.contains(where: { $0.id == field }) || field == "mopeds" { return true }
        if field.hasPrefix("old-") || field.hasPrefix("new-") { return AddressInput.parts.contains(String(field.dropFirst(4))) }
        guard field.hasPrefix("m"), let dash = field.firstIndex(of: "-"), let index = Int(field.dropFirst().prefix(upTo: dash)),
              (0..<GuideRequestParser.maxMembers).contains(index) else { return false }
        let name = String(field[field.index(after: dash)...])
        return PersonInput.identityFields.contains(name) || memberQuestions.contains { $0.id == name }
    }

    static func overlap(_ a: (x: Double, y: Double, width: Double, height: Double),
                        _ b: (x: Double, y: Double, width: Double, height: Double)) -> Bool {
        a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
    }
}
