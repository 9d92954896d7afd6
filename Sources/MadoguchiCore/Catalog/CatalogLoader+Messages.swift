/// Reads `messages/*.yaml`: `<code>.yaml` names the language (`language: {name: Tiếng Việt, fallback: en}`) and
/// may hold messages; `<code>.<part>.yaml` (vi.catalog.yaml) holds more of them.
extension CatalogReader {
    func messageCatalogs() throws(CatalogError) -> MessageCatalogs {
        var names: [Language: (name: String, fallback: Language)] = [:]
        var messages: [Language: [String: String]] = [:]
        // A language's own file first: where a text is in two files (なし on a screen and in the catalog), its
        // translation wins; within one file a text is translated once.
        let ordered = files.keys.filter { $0.hasPrefix("messages/") }.sorted { a, b in
            let (mainA, mainB) = (a.split(separator: ".").count == 2, b.split(separator: ".").count == 2)
            return mainA != mainB ? mainA : a < b
        }
        for file in ordered {
            var inThisFile: Set<String> = []
            let base = file.dropFirst("messages/".count).split(separator: "/").last.map(String.init) ?? ""
            guard let code = base.split(separator: ".").first.map(String.init),
                  code.wholeMatch(of: /[a-z]{2,3}(-[A-Za-z0-9]{2,8})?|easy/) != nil else {
                throw CatalogError(file: file, line: nil, message: "a message file is named after its language code (vi.yaml, pt-BR.yaml, easy.yaml)")
            }
            let language = Language(rawValue: code)
            guard language != .ja, language != .en else {
                throw CatalogError(file: file, line: nil, message: "Japanese and English are the screens' own; a message file adds another language")
            }
            let root = try root(file)
            let entries = try root.mapping(allowed: ["language", "messages"], context: "a message file")
            if let header = entries["language"] {
                let h = try header.mapping(allowed: ["name", "fallback"], context: "language")
                let fallback = Language(rawValue: try h["fallback"]?.string("fallback") ?? (language == .easy ? "ja" : "en"))
                guard fallback == .ja || fallback == .en else { throw header.error("fallback is ja or en") }
                names[language] = (try h.required("name").string("name"), fallback)
            }
            guard let list = entries["messages"] else { continue }
            guard let mapping = list.node.mapping else { throw list.error("messages is a mapping of the Japanese text to its translation") }
            for (key, value) in mapping {
                let keyNode = CatalogNode(node: key, file: file), valueNode = CatalogNode(node: value, file: file)
                let source = try keyNode.string("a message's Japanese text")
                let translated = try valueNode.string("the translation of 「\(source)」")
                if let problem = Ruby.problem(in: translated) { throw valueNode.error(problem) }
                let wanted = Set(source.matches(of: /\{[0-9]\}/).map { String($0.output) })
                let given = Set(translated.matches(of: /\{[0-9]\}/).map { String($0.output) })
                guard wanted == given else {
                    throw valueNode.error("the translation of 「\(source)」 must keep its placeholders \(wanted.sorted().joined(separator: " "))")
                }
                guard inThisFile.insert(source).inserted else { throw keyNode.error("「\(source)」 is translated twice") }
                if messages[language, default: [:]][source] == nil { messages[language, default: [:]][source] = translated }
            }
        }
        var catalogs: [MessageCatalog] = []
        for (language, translated) in messages {
            guard let header = names[language] ?? (language == .easy ? ("やさしい日本語", .ja) : nil) else {
                throw CatalogError(file: "messages/\(language.rawValue).yaml", line: nil,
                                   message: "the language '\(language.rawValue)' needs this file with language: {name: …} (its own name for the switch)")
            }
            catalogs.append(MessageCatalog(language: language, name: header.name, fallback: header.fallback, messages: translated))
        }
        return MessageCatalogs(catalogs)
    }
}
