/// Reads `forms/*.yaml` into form layouts, with the file and line of every mistake.
struct FormLayoutReader {
    static let pageWidth = 210.0, pageHeight = 297.0

    /// The form a file builds on (`base:`), read before it.
    static func base(of root: CatalogNode) throws(CatalogError) -> String? {
        try root.mapping(allowed: allowed, context: "a form")["base"].map { node throws(CatalogError) in try node.string("base") }
    }

    static let allowed: Set<String> = ["id", "name", "title", "addressee", "base", "marks", "fields", "items", "table", "signature"]

    /// A form; one with `base:` starts from that form's frame (`bases` holds it) and adds its own marks,
    /// fields and `items`, and its own table or signature box where it has one.
    func layout(_ root: CatalogNode, bases: [String: FormLayout] = [:]) throws(CatalogError) -> FormLayout {
        let e = try root.mapping(allowed: Self.allowed, context: "a form")
        var base: FormLayout?
        if let baseNode = e["base"] {
            let id = try baseNode.string("base")
            guard let found = bases[id] else {
                throw baseNode.error("base form '\(id)' is not defined in forms/ (or itself has a base)")
            }
            base = found
        }
        let name = try e.required("name").localized("name")
        var marks = try (e["marks"]?.sequence("marks") ?? []).map { node throws(CatalogError) in try mark(node) }
        var fields = try (e["fields"]?.sequence("fields") ?? []).map { node throws(CatalogError) in try field(node, inTable: false) }
        if let itemsNode = e["items"] {
            let (itemMarks, itemFields) = try items(itemsNode)
            marks += itemMarks
            fields += itemFields
        }
        return FormLayout(
            id: try e.required("id").string("id"),
            name: name,
            title: try e["title"].map { node throws(CatalogError) in try node.string("title") } ?? name.ja,
            addressee: try e["addressee"].map { node throws(CatalogError) in try node.string("addressee") } ?? base?.addressee,
            marks: (base?.marks ?? []) + marks,
            fields: (base?.fields ?? []) + fields,
            table: try e["table"].map { node throws(CatalogError) in try table(node) } ?? base?.table,
            signature: try e["signature"].map { node throws(CatalogError) in try box(node, "signature") } ?? base?.signature)
    }

    /// `items: {y, rows: [{label, value, key, format}]}`: what a procedure asks beyond the common frame, as a
    /// box of labelled rows 10 mm high across the page from `y` — the label on the left, the value beside it.
    private func items(_ node: CatalogNode) throws(CatalogError) -> ([FormMark], [FormField]) {
        let i = try node.mapping(allowed: ["y", "rows", "rowHeight"], context: "items")
        let top = try number(try i.required("y"), "y")
        let height = try i["rowHeight"].map { n throws(CatalogError) in try number(n, "rowHeight") } ?? 10
        let rows = try i.required("rows").sequence("rows")
        guard !rows.isEmpty, top + height * Double(rows.count) <= Self.pageHeight - 10 else {
            throw node.error("items need at least one row, and their rows must end above the page's bottom margin")
        }
        let left = 15.0, labelWidth = 45.0, width = 180.0
        var marks: [FormMark] = [.box(FormBox(x: left, y: top, width: width, height: height * Double(rows.count)), lineWidth: 0.6),
                                 .line(x1: left + labelWidth, y1: top, x2: left + labelWidth, y2: top + height * Double(rows.count), lineWidth: 0.3)]
        var fields: [FormField] = []
        for (index, row) in rows.enumerated() {
            let r = try row.mapping(allowed: ["label", "value", "key", "format", "size"], context: "an item")
            let y = top + height * Double(index)
            if index > 0 { marks.append(.line(x1: left, y1: y, x2: left + width, y2: y, lineWidth: 0.3)) }
            let label = try r.required("label").string("label")
            marks.append(.text(label, x: left + 2, y: y + height * 0.62, size: label.count > 11 ? 7 : 9))
            let value = try formValue(try r.required("value"))
            let key = try r["key"].map { n throws(CatalogError) in try n.string("key") }
            if value.isKeyed, key == nil { throw row.error("the value \(value.rawValue) needs a key") }
            fields.append(FormField(value: value, format: try format(r["format"]), x: left + labelWidth + 3, y: y + height * 0.65,
                                    size: try r["size"].map { n throws(CatalogError) in try number(n, "size") } ?? 10.5,
                                    width: width - labelWidth - 5, cells: nil, key: key))
        }
        return (marks, fields)
    }

    private func mark(_ node: CatalogNode) throws(CatalogError) -> FormMark {
        let m = try node.mapping(allowed: ["box", "line", "text", "at", "size", "width"], context: "a mark")
        let width = try m["width"].map { n throws(CatalogError) in try number(n, "width") } ?? 0.3
        if let boxNode = m["box"] { return .box(try box(boxNode, "box"), lineWidth: width) }
        if let lineNode = m["line"] {
            let v = try numbers(lineNode, "line", count: 4)
            return .line(x1: v[0], y1: v[1], x2: v[2], y2: v[3], lineWidth: width)
        }
        if let textNode = m["text"] {
            let at = try numbers(try m.required("at"), "at", count: 2)
            return .text(try textNode.string("text"), x: at[0], y: at[1], size: try m["size"].map { n throws(CatalogError) in try number(n, "size") } ?? 9)
        }
        throw node.error("a mark is a box, a line or a text")
    }

    private func field(_ node: CatalogNode, inTable: Bool) throws(CatalogError) -> FormField {
        let f = try node.mapping(allowed: ["value", "key", "format", "at", "x", "size", "width", "cells"], context: "a field")
        // A member value outside the table is allowed: a per-member form prints the member's values anywhere.
        let value = try formValue(try f.required("value"))
        let key = try f["key"].map { n throws(CatalogError) in try n.string("key") }
        if value.isKeyed, key == nil { throw node.error("the value \(value.rawValue) needs a key") }
        let format = try format(f["format"])
        let x: Double, y: Double
        if inTable {
            x = try number(try f.required("x"), "x")
            y = 0
        } else {
            let at = try numbers(try f.required("at"), "at", count: 2)
            (x, y) = (at[0], at[1])
        }
        var cells: FormCells?
        if let cellsNode = f["cells"] {
            let c = try numbers(cellsNode, "cells", count: 2)
            guard c[0] >= 1, c[0] <= 40, c[1] > 0 else { throw cellsNode.error("cells is [count, width of one cell in mm]") }
            cells = FormCells(count: Int(c[0]), width: c[1])
        }
        let size = try f["size"].map { n throws(CatalogError) in try number(n, "size") } ?? 10.5
        guard (4...40).contains(size) else { throw node.error("a text size is 4 to 40 points") }
        return FormField(value: value, format: format, x: x, y: y, size: size,
                         width: try f["width"].map { n throws(CatalogError) in try number(n, "width") }, cells: cells, key: key)
    }

    private func formValue(_ node: CatalogNode) throws(CatalogError) -> FormValue {
        guard let value = FormValue(rawValue: try node.string("value")) else {
            throw node.error("unknown value; known: " + FormValue.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return value
    }

    private func format(_ node: CatalogNode?) throws(CatalogError) -> FormFormat {
        guard let node else { return .text }
        guard let known = FormFormat(rawValue: try node.string("format")) else {
            throw node.error("unknown format; known: " + FormFormat.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return known
    }

    private func table(_ node: CatalogNode) throws(CatalogError) -> FormTable {
        let t = try node.mapping(allowed: ["y", "rowHeight", "rows", "columns"], context: "a table")
        let rows = try t.required("rows").int("rows")
        guard (1...20).contains(rows) else { throw node.error("a table has 1 to 20 rows") }
        return FormTable(
            y: try number(try t.required("y"), "y"),
            rowHeight: try number(try t.required("rowHeight"), "rowHeight"),
            rows: rows,
            columns: try t.required("columns").sequence("columns").map { c throws(CatalogError) in try field(c, inTable: true) })
    }

    private func box(_ node: CatalogNode, _ context: String) throws(CatalogError) -> FormBox {
        let v = try numbers(node, context, count: 4)
        return FormBox(x: v[0], y: v[1], width: v[2], height: v[3])
    }

    /// `count` numbers of millimetres on an A4 page (`at: [x, y]`); the paper forms' reader uses it too.
    func numbers(_ node: CatalogNode, _ context: String, count: Int) throws(CatalogError) -> [Double] {
        let items = try node.sequence(context)
        guard items.count == count else { throw node.error("\(context) takes \(count) numbers (millimetres)") }
        return try items.map { item throws(CatalogError) in try number(item, context) }
    }

    private func number(_ node: CatalogNode, _ context: String) throws(CatalogError) -> Double {
        guard let value = node.node.float, value.isFinite, value >= 0, value <= max(Self.pageWidth, Self.pageHeight) else {
            throw node.error("\(context) must be a number of millimetres on an A4 page")
        }
        return value
    }
}
