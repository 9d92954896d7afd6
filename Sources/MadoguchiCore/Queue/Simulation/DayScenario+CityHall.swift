/// The sample city hall's days: 市民課 (shimin) and 保険年金課 (hoken) on an ordinary
/// autumn Wednesday and on a Monday in the moving season.
extension DayScenario {
    /// An ordinary Wednesday in October.
    public static let ordinaryWednesday = cityHall(weekday: 3, month: 10)

    /// A Monday in April: the weekend's movers arrive at opening, 市民課 sees ~1.8× the
    /// visitors, mostly 転入/転出, and runs extra temporary counters.
    public static let mondayInApril = cityHall(weekday: 1, month: 4)

    /// A day at the sample city hall; Mondays and March/April change arrivals and staffing.
    public static func cityHall(weekday: Int, month: Int) -> DayScenario {
        let movingSeason = month == 3 || month == 4
        let monday = weekday == 1
        var weights = ordinaryArrivalWeights
        if monday {
            // The weekend's backlog arrives in the first two hours.
            for quarter in 0..<8 { weights[quarter] *= 1.5 }
        }
        let names = ["日", "月", "火", "水", "木", "金", "土"]
        return DayScenario(
            name: "\(names[(weekday % 7 + 7) % 7])曜 \(month)月",
            weekday: weekday, month: month, arrivalWeights: weights,
            opensAt: 8.5 * 3600, lunch: (12 * 3600)..<(13 * 3600),
            sections: [
                movingSeason ? shiminInMovingSeason : shimin,
                movingSeason ? hokenInMovingSeason : hoken,
            ])
    }

    /// Walk-ins per quarter hour from 8:30 to 17:00: the queue at the door at opening, a
    /// morning peak, the lunchtime peak of people on their own lunch break, a quiet afternoon.
    static let ordinaryArrivalWeights: [Double] = [
        2.2, 1.6, 1.5, 1.4, 1.4, 1.3, 1.2, 1.2,  // 8:30–10:30
        1.1, 1.0, 0.9, 0.9, 0.9, 1.0,  // 10:30–12:00
        1.3, 1.3, 1.2, 1.1,  // 12:00–13:00
        1.0, 1.0, 0.9, 0.9, 0.8, 0.8, 0.8, 0.8,  // 13:00–15:00
        0.7, 0.7, 0.7, 0.6, 0.6, 0.5, 0.5, 0.4,  // 15:00–17:00
    ]

    static let shimin = SectionPlan(
        key: "shimin", name: "市民課", counters: 4, countersAtLunch: 2, walkInsPerHour: 14,
        purposes: [
            PurposePlan("shomei", share: 0.40, meanMinutes: 5, sigma: 0.5),  // 証明書交付
            PurposePlan("tennyu", share: 0.12, meanMinutes: 25, sigma: 0.6),  // 転入届
            PurposePlan("tenshutsu", share: 0.10, meanMinutes: 10, sigma: 0.5),  // 転出届
            PurposePlan("tenkyo", share: 0.08, meanMinutes: 12, sigma: 0.5),  // 転居届
            PurposePlan("mynumber", share: 0.15, meanMinutes: 15, sigma: 0.6),  // マイナンバーカード
            PurposePlan("inkan", share: 0.08, meanMinutes: 8, sigma: 0.5),  // 印鑑登録
            PurposePlan("koseki", share: 0.05, meanMinutes: 30, sigma: 0.7),  // 戸籍の届出
            PurposePlan("okuyami", share: 0.02, meanMinutes: 45, sigma: 0.6),  // おくやみ
        ],
        secondPurposeShare: 0.12, bookedSlotShare: 0.25)

    static let shiminInMovingSeason: SectionPlan = {
        var plan = shimin
        // Temporary counters for the moving season; the queue still runs past 17:15.
        plan.counters = 9
        plan.countersAtLunch = 6
        plan.walkInsPerHour = 14 * 1.8
        plan.secondPurposeShare = 0.25
        let shares: [String: Double] = [
            "shomei": 0.22, "tennyu": 0.30, "tenshutsu": 0.15, "tenkyo": 0.08,
            "mynumber": 0.15, "inkan": 0.05, "koseki": 0.03, "okuyami": 0.02,
        ]
        plan.purposes = plan.purposes.map { purpose in
            var purpose = purpose
            purpose.share = shares[purpose.key] ?? purpose.share
            return purpose
        }
        return plan
    }()

    static let hoken = SectionPlan(
        key: "hoken", name: "保険年金課", counters: 3, countersAtLunch: 2, walkInsPerHour: 7,
        purposes: [
            PurposePlan("kokuho.kanyu", share: 0.25, meanMinutes: 15, sigma: 0.6),  // 国保加入
            PurposePlan("kokuho.soshitsu", share: 0.25, meanMinutes: 10, sigma: 0.5),  // 国保喪失
            PurposePlan("nenkin", share: 0.20, meanMinutes: 15, sigma: 0.6),  // 国民年金
            PurposePlan("kogaku", share: 0.10, meanMinutes: 12, sigma: 0.5),  // 高額療養費
            PurposePlan("kouki", share: 0.12, meanMinutes: 12, sigma: 0.6),  // 後期高齢者医療
            PurposePlan("kokuho.genmen", share: 0.08, meanMinutes: 35, sigma: 0.8),  // 減免の相談
        ],
        secondPurposeShare: 0.15, bookedSlotShare: 0.35)

    static let hokenInMovingSeason: SectionPlan = {
        var plan = hoken
        plan.counters = 4
        plan.countersAtLunch = 3
        plan.walkInsPerHour = 7 * 1.4
        return plan
    }()
}
