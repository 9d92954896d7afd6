import Yams

/// A YAML node of a catalog file that knows where it stands, so every complaint names the file and line.
struct CatalogNode {
    let node: Node
    let file: String

    var line: Int? { node.mark?.line }

    /// Parses a YAML file into its root node; a syntax error names the file and line.
    static func parse(_ yaml: String, file: String) throws(CatalogError) -> CatalogNode {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw CatalogError(file: file, line: error.line, message: "not valid YAML: \(error.problem)")
        } catch {
            throw CatalogError(file: file, line: nil, message: "not valid YAML: \(error)")
        }
        guard let node else { throw CatalogError(file: file, line: nil, message: "the file is empty") }
        return CatalogNode(node: node, file: file)
    }

    func error(_ message: String) -> CatalogError {
        CatalogError(file: file, line: line, message: message)
    }

    /// The entries of a mapping; a key outside `allowed` is an error (a typo must not be silently ignored).
    func mapping(allowed: Set<String>, context: String) throws(CatalogError) -> Entries {
        guard let mapping = node.mapping else { throw error("\(context) must be a mapping of keys to values") }
        var entries: [String: CatalogNode] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { throw error("\(context): keys must be plain names") }
            guard allowed.contains(name) else {
                throw CatalogNode(node: key, file: file).error("\(context): unknown key '\(name)'; allowed: "
                    + allowed.sorted().joined(separator: ", "))
            }
            entries[name] = CatalogNode(node: value, file: file)
        }
        return Entries(entries: entries, owner: self, context: context)
    }

    func sequence(_ context: String) throws(CatalogError) -> [CatalogNode] {
        if case .scalar(let scalar) = node, scalar.string.isEmpty || scalar.string == "null" || scalar.string == "~" { return [] }
        guard let items = node.sequence else { throw error("\(context) must be a list") }
        return items.map { CatalogNode(node: $0, file: file) }
    }

    func string(_ context: String) throws(CatalogError) -> String {
        guard let scalar = node.scalar, !scalar.string.isEmpty else { throw error("\(context) must be a non-empty text") }
        return scalar.string
    }

    func bool(_ context: String) throws(CatalogError) -> Bool {
        guard let value = node.bool else { throw error("\(context) must be true or false") }
        return value
    }

    func int(_ context: String) throws(CatalogError) -> Int {
        guard let value = node.int else { throw error("\(context) must be a whole number") }
        return value
    }

    /// `{ja: …, en: …, easy: …}`; Japanese and English are required.
    func localized(_ context: String) throws(CatalogError) -> LocalizedText {
        let entries = try mapping(allowed: ["ja", "en", "easy"], context: context)
        return LocalizedText(
            ja: try entries.required("ja").string("\(context).ja"),
            en: try entries.required("en").string("\(context).en"),
            easy: try entries["easy"]?.string("\(context).easy"))
    }

    struct Entries {
        let entries: [String: CatalogNode]
        let owner: CatalogNode
        let context: String

        subscript(key: String) -> CatalogNode? { entries[key] }

        func required(_ key: String) throws(CatalogError) -> CatalogNode {
            guard let value = entries[key] else { throw owner.error("\(context): '\(key)' is missing") }
            return value
        }
    }
}

private extension YamlError {
    var line: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        case .duplicatedKeysInMapping(_, let context): context.mark.line
        default: nil
        }
    }

    var problem: String {
        switch self {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
             .composer(let context, let problem, _, _):
            [context?.text, problem].compactMap { $0 }.joined(separator: ": ")
        case .duplicatedKeysInMapping(let duplicates, _): "duplicate keys: " + duplicates.joined(separator: ", ")
        default: "\(self)"
        }
    }
}
