/// Reads `forms/*.yaml` into form layouts, with the file and line of every mistake.
struct FormLayoutReader {
    static let pageWidth = 210.0, pageHeight = 297.0

    func layout(_ root: CatalogNode) throws(CatalogError) -> FormLayout {
        let e = try root.mapping(allowed: ["id", "name", "marks", "fields", "table", "signature"], context: "a form")
        return FormLayout(
            id: try e.required("id").string("id"),
            name: try e.required("name").localized("name"),
            marks: try (e["marks"]?.sequence("marks") ?? []).map { node throws(CatalogError) in try mark(node) },
            fields: try (e["fields"]?.sequence("fields") ?? []).map { node throws(CatalogError) in try field(node, inTable: false) },
            table: try e["table"].map { node throws(CatalogError) in try table(node) },
            signature: try e["signature"].map { node throws(CatalogError) in try box(node, "signature") })
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
        let f = try node.mapping(allowed: ["value", "format", "at", "x", "size", "width", "cells"], context: "a field")
        let valueNode = try f.required("value")
        guard let value = FormValue(rawValue: try valueNode.string("value")) else {
            throw valueNode.error("unknown value; known: " + FormValue.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if !inTable, value.isMemberValue {
            // Allowed: a per-member form prints the member's values anywhere on the page.
        }
        var format = FormFormat.text
        if let formatNode = f["format"] {
            guard let known = FormFormat(rawValue: try formatNode.string("format")) else {
                throw formatNode.error("unknown format; known: " + FormFormat.allCases.map(\.rawValue).joined(separator: ", "))
            }
            format = known
        }
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
                         width: try f["width"].map { n throws(CatalogError) in try number(n, "width") }, cells: cells)
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
