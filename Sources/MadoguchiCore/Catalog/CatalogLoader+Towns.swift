extension CatalogReader {
    /// `prefecture:` in municipality.yaml and `towns.yaml`:
    /// `towns: [{id: "0001002", name: 本町二丁目, kana: ホンチョウ2チョウメ, postcode: 329-4101, addressing: jukyo}, …]`.
    func localAddresses(prefecture node: CatalogNode, city: String) throws(CatalogError) -> LocalAddresses {
        guard let prefecture = Prefecture(rawValue: try node.string("prefecture")) else {
            throw node.error("prefecture must be one of the 47 都道府県, written in full (栃木県)")
        }
        guard let last = city.last, "市区町村".contains(last) else {
            throw node.error("the municipality's name (name.ja) must end in 市, 区, 町 or 村 for its addresses")
        }
        guard files["towns.yaml"] != nil else { return LocalAddresses(prefecture: prefecture, city: city, towns: .empty) }
        let top = try root("towns.yaml").mapping(allowed: ["towns"], context: "towns.yaml")
        var towns: [Town] = []
        var seen: (ids: Set<String>, names: Set<String>) = ([], [])
        for item in try top.required("towns").sequence("towns") {
            let t = try item.mapping(allowed: ["id", "name", "kana", "postcode", "addressing"], context: "a town")
            let idNode = try t.required("id"), nameNode = try t.required("name")
            let id = try idNode.string("id"), name = try nameNode.string("name")
            guard id.count == 7, id.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw idNode.error("a town's id is its 7-digit ABR 町字ID") }
            guard seen.ids.insert(id).inserted else { throw idNode.error("town id \(id) appears twice") }
            guard !name.isEmpty, seen.names.insert(name).inserted else { throw nameNode.error("town '\(name)' appears twice (or is empty)") }
            let kanaNode = try t.required("kana")
            let kana = try kanaNode.string("kana")
            guard Furigana.normalized(kana.filter { !$0.isNumber }) != nil else {
                throw kanaNode.error("a town's kana is its reading in katakana (digits allowed)")
            }
            let postcodeNode = try t.required("postcode")
            guard let postcode = try? Postcode(try postcodeNode.string("postcode")) else {
                throw postcodeNode.error("a town's postcode is 7 digits, written 329-4101")
            }
            let addressingNode = try t.required("addressing")
            guard let addressing = Town.Addressing(rawValue: try addressingNode.string("addressing")) else {
                throw addressingNode.error("addressing is jukyo (住居表示: 3番12号) or chiban (地番: 1234番地5)")
            }
            towns.append(Town(id: id, name: name, kana: kana, postcode: postcode, addressing: addressing))
        }
        return LocalAddresses(prefecture: prefecture, city: city, towns: TownDirectory(towns))
    }
}
