/// The municipality's own addresses: its 都道府県 and name, and its 町字 (`towns.yaml`). An address in the
/// municipality — where a household moves in, the one it leaves within the city — is mostly known before
/// anyone types it: the counter types the postcode and the numbers, and the rest is filled from here.
public struct LocalAddresses: Sendable {
    public let prefecture: Prefecture
    /// As addresses print it: `サンプル市`, `那須郡サンプル町`.
    public let city: String
    public let towns: TownDirectory

    public init(prefecture: Prefecture, city: String, towns: TownDirectory) {
        self.prefecture = prefecture
        self.city = city
        self.towns = towns
    }

    /// An address in the municipality as typed, with what the municipality knows filled in: its 都道府県 and
    /// name where those are empty, the town of a postcode that serves one town, the postcode of a named town,
    /// and a 番地 typed as `5-3` written in the town's notation. A part that was typed is never replaced, and
    /// an address that holds nothing but the municipality's own name (as the counter shows it before anyone
    /// types) is no address at all.
    public func completed(_ typed: AddressInput) -> AddressInput {
        var address = typed
        let specific = [address.postcode, address.town, address.banchi, address.katagaki]
            .contains { !RegisterText.trimmingSpaces($0).isEmpty }
        guard specific else {
            if isOwn(prefecture: address.prefecture, city: address.city) { return AddressInput() }
            return address
        }
        if blank(address.prefecture) && (blank(address.city) || trimmed(address.city) == city) { address.prefecture = prefecture.rawValue }
        if blank(address.city) && trimmed(address.prefecture) == prefecture.rawValue { address.city = city }
        guard isOwn(prefecture: address.prefecture, city: address.city) else { return address }
        let postcode = try? Postcode(address.postcode)
        if blank(address.town), let postcode, case let served = towns.towns(postcode: postcode), served.count == 1 {
            address.town = served[0].name
        }
        guard let town = towns.town(named: address.town) else { return address }
        if blank(address.postcode) { address.postcode = town.postcode.digits }
        address.banchi = town.banchi(address.banchi)
        return address
    }

    /// Whether the 都道府県 and 市区町村 typed are this municipality's (both empty counts as ours).
    private func isOwn(prefecture typedPrefecture: String, city typedCity: String) -> Bool {
        (blank(typedPrefecture) || trimmed(typedPrefecture) == prefecture.rawValue) && (blank(typedCity) || trimmed(typedCity) == city)
    }

    private func trimmed(_ text: String) -> String { RegisterText.trimmingSpaces(text) }
    private func blank(_ text: String) -> Bool { trimmed(text).isEmpty }
}
