import MadoguchiCore
import MadoguchiPDF

/// The box a value may fill on a form, in mm from the page's top-left corner.
struct FieldBox: Equatable {
    var left: Double
    var right: Double
    var top: Double
    var bottom: Double
}

/// What a form layout draws around its values — rules, labels and the other values — so that a
/// value too long for its line can be shrunk and wrapped inside its own cell and nowhere else.
///
/// A field's box is read off the layout, not declared: its width is the field's `width` (or, for
/// a field without one, up to the next vertical rule to its right); its top and bottom are the
/// nearest horizontal rules above and below its baseline, or, where another text shares the cell
/// (the フリガナ above a name, the 郵便番号 above an address), halfway between the two texts'
/// lines as the layout places them.
struct FormFrame {
    /// A rule: horizontal ones lie `at` a y from `from` to `to` in x; vertical ones the other way.
    private struct Rule {
        let at: Double
        let from: Double
        let to: Double
    }

    /// Where a text sits as the layout places it.
    private struct Slot {
        let field: FormField?
        let left: Double
        let right: Double
        let baseline: Double
        let size: Double
    }

    /// Kept clear between a value and a rule of its cell.
    static let rulePadding = 0.3

    private var horizontals: [Rule] = []
    private var verticals: [Rule] = []
    private var slots: [Slot] = []
    private let ascent: Double
    private let descent: Double

    /// `kanaOffset`: how far above a table row's baseline the フリガナ column is printed.
    init(_ layout: FormLayout, font: PDFFontChoice, kanaOffset: Double) {
        ascent = font.ascentRatio
        descent = font.descentRatio
        for mark in layout.marks {
            switch mark {
            case .box(let box, _):
                horizontals += [Rule(at: box.y, from: box.x, to: box.x + box.width),
                                Rule(at: box.y + box.height, from: box.x, to: box.x + box.width)]
                verticals += [Rule(at: box.x, from: box.y, to: box.y + box.height),
                              Rule(at: box.x + box.width, from: box.y, to: box.y + box.height)]
            case .line(let x1, let y1, let x2, let y2, _):
                if abs(y1 - y2) < 0.01 { horizontals.append(Rule(at: y1, from: min(x1, x2), to: max(x1, x2))) }
                if abs(x1 - x2) < 0.01 { verticals.append(Rule(at: x1, from: min(y1, y2), to: max(y1, y2))) }
            case .text(let text, let x, let y, let size):
                slots.append(Slot(field: nil, left: x, right: x + font.textWidth(text, size: size) * 25.4 / 72, baseline: y, size: size))
            }
        }
        for field in layout.fields { slots.append(slot(field, baseline: field.y)) }
        if let table = layout.table {
            for row in 0..<table.rows {
                let y = table.y + Double(row) * table.rowHeight
                for column in table.columns {
                    slots.append(slot(column, baseline: column.value == .memberKana ? y - kanaOffset : y))
                }
            }
        }
    }

    /// The box of `field` printed with its baseline at `baseline`; nil for a field spread over
    /// cells, or one without a width and no rule to its right.
    func box(for field: FormField, baseline: Double) -> FieldBox? {
        guard field.cells == nil, let right = right(of: field, baseline: baseline) else { return nil }
        let left = field.x
        let points = 25.4 / 72
        let ownTop = baseline - field.size * ascent * points
        let ownBottom = baseline + field.size * descent * points
        func across(_ rule: Rule) -> Bool { rule.from < right - 0.1 && rule.to > left + 0.1 }
        let ruleAbove = horizontals.filter { $0.at < baseline - 0.01 && across($0) }.map(\.at).max()
        let ruleBelow = horizontals.filter { $0.at > baseline + 0.01 && across($0) }.map(\.at).min()
        var top = ruleAbove.map { $0 + Self.rulePadding } ?? ownTop
        var bottom = ruleBelow.map { $0 - Self.rulePadding } ?? ownBottom
        for other in slots where other.right > left + 0.1 && other.left < right - 0.1 {
            if other.field == field, abs(other.baseline - baseline) < 0.01 { continue }
            let above = ruleAbove ?? ownTop, below = ruleBelow ?? ownBottom
            if above < other.baseline && other.baseline < baseline {
                top = max(top, (other.baseline + other.size * descent * points + ownTop) / 2)
            } else if baseline < other.baseline && other.baseline < below {
                bottom = min(bottom, (ownBottom + other.baseline - other.size * ascent * points) / 2)
            }
        }
        return FieldBox(left: left, right: right, top: top, bottom: bottom)
    }

    private func right(of field: FormField, baseline: Double) -> Double? {
        if let width = field.width { return field.x + width }
        return verticals.filter { $0.at > field.x + 0.5 && $0.from <= baseline && $0.to >= baseline }
            .map(\.at).min().map { $0 - Self.rulePadding }
    }

    private func slot(_ field: FormField, baseline: Double) -> Slot {
        let right = if let cells = field.cells {
            field.x + Double(cells.count) * cells.width
        } else {
            self.right(of: field, baseline: baseline) ?? field.x + field.size * 25.4 / 72
        }
        return Slot(field: field, left: field.x, right: right, baseline: baseline, size: field.size)
    }
}
