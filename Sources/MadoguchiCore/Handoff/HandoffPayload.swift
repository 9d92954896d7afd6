import Foundation

/// What a core system receives for one procedure of a handed-off Case (version 1): the movement (異動) as the
/// 住民基本台帳法 asks it to be notified — who, from where to where, on which day, the head of household and each
/// person's relationship, the 住民票コード from before — with names exactly as the Case holds them.
/// The 個人番号 is never in it.
public struct HandoffPayload: Codable, Sendable, Equatable {
    public static let currentVersion = 1

    public var version: Int
    /// The hand-off's own id: a core system that stores it never applies one twice.
    public var id: String
    public var target: String
    public var procedure: String
    public var caseReference: String
    public var eventKind: String
    /// 異動事由, when the procedure is a 住民異動 (国内転入, 転居, 国内転出, 出生, 死亡, 世帯主変更 …).
    public var movement: String?
    /// 異動日 (the day of the move or event) and 届出日.
    public var eventDate: String?
    public var notificationDate: String?
    public var plannedMoveOutDate: String?
    public var addresses: [String: Address]
    public var people: [Person]

    public struct Address: Codable, Sendable, Equatable {
        public var postcode: String?
        public var prefecture: String
        public var city: String
        public var town: String
        public var banchi: String
        public var katagaki: String?
    }

    public struct Person: Codable, Sendable, Equatable {
        /// 1-based, as on the Case.
        public var number: Int
        public var residentCode: String?
        public var familyName: String
        public var givenName: String
        public var familyKana: String
        public var givenKana: String
        public var birthDate: String?
        /// ISO 5218: 1 male, 2 female.
        public var sex: Int?
        /// 続柄 to the head: head, spouse, child, parent, other.
        public var relation: String?
        public var nationality: String
        public var residenceStatus: String?
        public var residenceExpiry: String?
        public var residenceCardNumber: String?
    }

    /// The payload of `procedure` of a stored Case for `target`: the people the procedure is for (all of the
    /// household when it names none).
    public init(id: UUID, target: String, procedure: CaseProcedure, of stored: StoredCase, notifiedOn: CivilDate?) {
        let household = stored.household
        version = Self.currentVersion
        self.id = id.uuidString.lowercased()
        self.target = target
        self.procedure = procedure.code
        caseReference = stored.reference
        eventKind = household.eventKind
        movement = Self.movements[procedure.code].map { household.fromAbroad && $0 == .domesticMoveIn ? .moveInFromAbroad : $0 }?.rawValue
        eventDate = household.eventDate?.iso
        notificationDate = (household.notificationDate ?? notifiedOn)?.iso
        plannedMoveOutDate = household.plannedMoveOutDate?.iso
        var addresses: [String: Address] = [:]
        for (kind, address) in household.addresses {
            addresses[kind.rawValue] = Address(postcode: address.postcode?.digits, prefecture: address.prefecture.rawValue, city: address.city,
                                               town: address.town, banchi: address.banchi, katagaki: address.katagaki)
        }
        self.addresses = addresses
        let numbers = procedure.members.isEmpty ? Array(1...max(1, household.people.count)) : procedure.members
        people = numbers.compactMap { number in
            guard household.people.indices.contains(number - 1) else { return nil }
            let person = household.people[number - 1]
            return Person(number: number, residentCode: person.residentCode, familyName: person.familyName, givenName: person.givenName,
                          familyKana: person.familyKana, givenKana: person.givenKana, birthDate: person.birthDate?.iso,
                          sex: person.sex.map { $0 == .male ? 1 : 2 }, relation: person.relation?.rawValue,
                          nationality: person.nationality, residenceStatus: person.residenceStatus,
                          residenceExpiry: person.residenceExpiry?.iso, residenceCardNumber: person.residenceCardNumber)
        }
    }

    /// The 異動事由 of the 住民異動 procedures.
    static let movements: [String: MovementReason] = [
        "juki.tennyu": .domesticMoveIn, "juki.tenkyo": .moveWithin, "juki.tenshutsu": .domesticMoveOut,
        "juki.setainushi-henko": .headChange, "koseki.shussei": .birth, "koseki.shibou": .death,
    ]
}
