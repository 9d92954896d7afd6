/// The short reference a citizen or staff member reads out or types: 8 characters from an alphabet
/// without look-alikes (no 0/O, 1/I/L), grouped 4-4, e.g. `K7QM-3TXA`. Not guessable: 31⁸ ≈ 8.5 × 10¹¹
/// values from the system's secure random source.
public enum CaseReference {
    public static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")

    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<8).map { _ in alphabet.randomElement(using: &generator)! }
        return String(characters[0..<4]) + "-" + String(characters[4..<8])
    }

    /// Reads what someone typed or a scanner sent: case-insensitive, hyphen and spaces optional; a URL ending
    /// in the reference (a QR code) works too. Look-alikes are refused, never guessed: a guess could open
    /// someone else's Case.
    public static func normalized(_ text: String) -> String? {
        let tail = text.split(separator: "/").last.map(String.init) ?? text
        var letters: [Character] = []
        for character in tail.uppercased() where character != "-" && character != " " && character != "\u{3000}" {
            guard alphabet.contains(character) else { return nil }
            letters.append(character)
        }
        guard letters.count == 8 else { return nil }
        return String(letters[0..<4]) + "-" + String(letters[4..<8])
    }
}
