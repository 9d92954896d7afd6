/// The rules on a household's values that hold at every door: the guide's parser and `CaseValidator` both
/// read them here, so the guide and the counter accept and refuse the same dates, codes and counts.
public enum HouseholdRules {
    /// People in one household, at most.
    public static let maxPeople = 20
    /// Event dates the holiday calendar covers.
    public static let eventDates = CivilDate(uncheckedYear: 1980, month: 1, day: 1)...CivilDate(uncheckedYear: 2099, month: 12, day: 31)
    /// Nobody alive was born before this; it also keeps 和暦 display meaningful.
    public static let earliestBirth = CivilDate(uncheckedYear: 1873, month: 1, day: 1)
    /// Dogs and mopeds a household registers.
    public static let counts = 0...99

    /// A nationality as ISO 3166-1 alpha-2 in capitals (`vn` → `VN`), or nil when it is not two letters.
    public static func nationality(_ text: String) -> String? {
        let code = text.uppercased()
        guard code.count == 2, code.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        return code
    }
}
