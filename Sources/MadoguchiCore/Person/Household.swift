/// 世帯: the people registered as living together and sharing a livelihood, under one 世帯主.
public struct Household: Sendable, Hashable {
    /// 世帯番号.
    public let id: String
    /// 住所: every member's.
    public let address: Address
    /// Dogs registered under the household (狂犬病予防法): a move or a death changes their registration.
    public let dogs: Int
    /// The members' 住民票コード in 世帯員並び順, the 世帯主 first.
    public let memberCodes: [String]
}
