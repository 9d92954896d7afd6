/// What a procedure's forms ask beyond the household (`detail` fields: 本籍, 登録番号, 振込先): the labels the
/// counter offers to type, in the order the forms print them.
extension Catalog {
    public func detailLabels(of procedure: Procedure) -> [String] {
        var labels: [String] = []
        for id in procedure.forms {
            guard let layout = forms[id] else { continue }
            for field in layout.fields + (layout.table?.columns ?? []) where field.value == .detail {
                if let key = field.key, !labels.contains(key) { labels.append(key) }
            }
        }
        return labels
    }
}
