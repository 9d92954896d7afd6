import Foundation

/// How a target that takes files (`delivery: csv-file`) wants its CSV: the columns, each a value of the payload,
/// and the character encoding. One row per person of each hand-off, in hand-off order. The 住民記録システム
/// 標準仕様書 leaves the layout to each system ("任意の方法でCSV形式になったデータ"): this is catalog data.
public struct HandoffCSVLayout: Sendable, Hashable {
    public enum Encoding: String, Sendable, CaseIterable {
        case utf8 = "utf-8"
        /// Shift_JIS as Windows writes it (CP932, with the NEC and IBM extensions: 髙, ①). A character it cannot
        /// hold (𠮷) refuses the hand-off with a clear error; it is never replaced by `?`.
        case cp932
    }

    public struct Column: Sendable, Hashable {
        /// The header, as the core system names the column (`住民票コード`).
        public let header: String
        public let value: Value

        public init(header: String, value: Value) {
            self.header = header
            self.value = value
        }
    }

    /// What a column holds.
    public enum Value: String, Sendable, CaseIterable {
        case handoffID = "handoff.id", caseReference = "case.reference", procedure = "procedure", movement = "movement"
        case eventDate = "date.event", notificationDate = "date.notification", plannedMoveOutDate = "date.plannedMoveOut"
        case personNumber = "person.number", residentCode = "person.residentCode", familyName = "person.familyName"
        case givenName = "person.givenName", familyKana = "person.familyKana", givenKana = "person.givenKana"
        case birthDate = "person.birthDate", sex = "person.sex", relation = "person.relation", nationality = "person.nationality"
        /// 続柄 as a 住民票 prints it (世帯主, 妻, 夫, 子, 父, 母 …), from the relation and the sex.
        case relationName = "person.relationName"
        case newPostcode = "address.new.postcode", newAddress = "address.new", newKatagaki = "address.new.katagaki"
        case oldPostcode = "address.old.postcode", oldAddress = "address.old", oldKatagaki = "address.old.katagaki"
    }

    public let columns: [Column]
    public let encoding: Encoding

    public init(columns: [Column], encoding: Encoding) {
        self.columns = columns
        self.encoding = encoding
    }

    /// A hand-off that cannot be written in the layout's encoding, naming the character and where it is.
    public struct Unrepresentable: Error, Sendable, Equatable, CustomStringConvertible {
        public let handoffID: String
        public let column: String
        public let character: String

        public var description: String {
            let scalars = character.unicodeScalars.map { String(format: "U+%04X", $0.value) }.joined(separator: " ")
            return "hand-off \(handoffID): \(column) holds 「\(character)」 (\(scalars)), which CP932 cannot represent; "
                + "the file was not written (change the layout to UTF-8, or register the character with the core system)"
        }
    }

    /// The rows of some hand-offs, without the header.
    public func rows(_ payloads: [HandoffPayload]) -> [[String]] {
        payloads.flatMap { payload in payload.people.map { person in columns.map { text($0.value, payload, person) } } }
    }

    /// The file: header and rows, CRLF, in the layout's encoding. Throws for the first character the encoding
    /// cannot hold (every hand-off of the file is then held back, none is written half).
    public func file(_ payloads: [HandoffPayload]) throws(Unrepresentable) -> Data {
        var csv = CSVRecords.line(columns.map(\.header))
        for payload in payloads {
            for person in payload.people {
                let fields = columns.map { text($0.value, payload, person) }
                if encoding == .cp932 {
                    for (column, field) in zip(columns, fields) where !Self.cp932Holds(field) {
                        let bad = field.unicodeScalars.first { !Self.cp932Holds(String($0)) }.map(String.init) ?? field
                        throw Unrepresentable(handoffID: payload.id, column: column.header, character: bad)
                    }
                }
                csv += CSVRecords.line(fields)
            }
        }
        switch encoding {
        case .utf8: return Data(csv.utf8)
        case .cp932:
            guard let data = csv.data(using: .shiftJIS) else {
                throw Unrepresentable(handoffID: payloads.first?.id ?? "", column: "header", character: csv)
            }
            return data
        }
    }

    /// Whether CP932 holds `text` exactly: it encodes, and decodes to the same scalars (an encoder that drops a
    /// variation selector or maps 〜 to ～ would change a name without a word).
    static func cp932Holds(_ text: String) -> Bool {
        // CP932 has nothing outside the BMP and no variation selectors; and asked to encode a string that ends
        // in a selector, Foundation's converter on Linux never returns (swift-corelibs-foundation, ICU path).
        guard text.unicodeScalars.allSatisfy({ $0.value <= 0xFFFF && !(0xFE00...0xFE0F).contains($0.value) }) else { return false }
        guard let data = text.data(using: .shiftJIS), let back = String(data: data, encoding: .shiftJIS) else { return false }
        return back.unicodeScalars.elementsEqual(text.unicodeScalars)
    }

    private func text(_ value: Value, _ payload: HandoffPayload, _ person: HandoffPayload.Person) -> String {
        func address(_ kind: String) -> String {
            guard let a = payload.addresses[kind] else { return "" }
            return a.prefecture + a.city + a.town + a.banchi
        }
        switch value {
        case .handoffID: return payload.id
        case .caseReference: return payload.caseReference
        case .procedure: return payload.procedure
        case .movement: return payload.movement ?? ""
        case .eventDate: return payload.eventDate ?? ""
        case .notificationDate: return payload.notificationDate ?? ""
        case .plannedMoveOutDate: return payload.plannedMoveOutDate ?? ""
        case .personNumber: return String(person.number)
        case .residentCode: return person.residentCode ?? ""
        case .familyName: return person.familyName
        case .givenName: return person.givenName
        case .familyKana: return person.familyKana
        case .givenKana: return person.givenKana
        case .birthDate: return person.birthDate ?? ""
        case .sex: return person.sex.map(String.init) ?? ""
        case .relation: return person.relation ?? ""
        case .relationName:
            return person.relation.flatMap(Relation.init(rawValue:))?
                .residentRecordName(sex: person.sex.flatMap { $0 == 1 ? .male : $0 == 2 ? .female : nil }) ?? ""
        case .nationality: return person.nationality
        case .newPostcode: return payload.addresses["new"]?.postcode ?? ""
        case .newAddress: return address("new")
        case .newKatagaki: return payload.addresses["new"]?.katagaki ?? ""
        case .oldPostcode: return payload.addresses["old"]?.postcode ?? ""
        case .oldAddress: return address("old")
        case .oldKatagaki: return payload.addresses["old"]?.katagaki ?? ""
        }
    }
}
