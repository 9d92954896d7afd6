import Testing
@testable import MadoguchiCore

// MARK: - The households the cases are built from

/// The head: a woman in her thirties (legal age 39 on 2026-04-01).
private func headA(_ configure: (inout Member) -> Void = { _ in }) -> Member {
    person("a", .head, .female, born: "1986-07-14", configure)
}

/// The spouse: a man in his forties.
private func spouseB(_ configure: (inout Member) -> Void = { _ in }) -> Member {
    person("b", .spouse, .male, born: "1985-03-03", configure)
}

private func child(_ id: String, born: String, _ configure: (inout Member) -> Void = { _ in }) -> Member {
    person(id, .child, .male, born: born, configure)
}

/// A parent of the head (relation `parent`: not a "parent" in the catalog's sense).
private func elder(_ id: String = "g", born: String, _ configure: (inout Member) -> Void = { _ in }) -> Member {
    person(id, .parent, .female, born: born, configure)
}

private func event(_ kind: String, _ members: [Member], on day: String = "2026-04-01",
                   _ configure: (inout LifeEvent) -> Void = { _ in }) -> LifeEvent {
    lifeEvent(kind, on: day, members, configure)
}

// MARK: - One row per code of docs/catalog-spec.md

/// One code of one event: a household that triggers it (with its deadline, computed by hand, and
/// whom it concerns) and near-miss households that do not.
struct TriggerCase: Sendable, CustomTestStringConvertible {
    let code: String
    let label: String
    let hit: LifeEvent
    /// The expected last day, or nil for "no deadline".
    let deadline: String?
    /// The expected `members`, when the case checks them.
    let members: [String]?
    let misses: [LifeEvent]

    var testDescription: String { "\(hit.kind) \(code): \(label)" }

    init(_ code: String, _ label: String, hit: LifeEvent, deadline: String?, members: [String]? = nil, misses: [LifeEvent]) {
        self.code = code
        self.label = label
        self.hit = hit
        self.deadline = deadline
        self.members = members
        self.misses = misses
    }
}

extension TriggerCase {
    static let moveIn: [TriggerCase] = [
        TriggerCase("juki.tennyu", "always, for the moving members",
                    hit: event("move-in", [headA(), spouseB { $0.moving = false }, child("c", born: "2015-05-05")]),
                    deadline: "2026-04-15", members: ["a", "c"],
                    misses: [event("move-out", [headA()]), event("move-within", [headA()])]),
        TriggerCase("myna.keizoku", "card holders; 90 days from the notification, no roll-forward",
                    hit: event("move-in", [headA { $0.myNumberCard = .standard }, spouseB { $0.myNumberCard = .faceAuth },
                                           child("c", born: "2015-05-05")], on: "2026-01-30") { $0.notificationDate = date("2026-02-02") },
                    deadline: "2026-05-03", members: ["a", "b"],
                    misses: [
                        event("move-in", [headA { $0.myNumberCard = .standard }]) { $0.fromAbroad = true },
                        event("move-in", [headA(), child("c", born: "2015-05-05")]),
                        event("move-in", [headA { $0.myNumberCard = .standard; $0.moving = false }, spouseB()]),
                    ]),
        TriggerCase("jpki.sign-reissue", "standard card and legal age 15",
                    hit: event("move-in", [headA { $0.myNumberCard = .faceAuth },
                                           child("c", born: "2011-04-02") { $0.myNumberCard = .standard }]),
                    deadline: nil, members: ["c"],
                    misses: [
                        event("move-in", [headA { $0.myNumberCard = .faceAuth }, child("c", born: "2011-04-03") { $0.myNumberCard = .standard }]),
                        event("move-in", [headA { $0.myNumberCard = .standard }]) { $0.fromAbroad = true },
                        event("move-in", [headA { $0.myNumberCard = .standard; $0.moving = false }, spouseB()]),
                    ]),
        TriggerCase("kokuho.kanyu", "national or no insurance",
                    hit: event("move-in", [headA { $0.insurance = .national }, spouseB { $0.insurance = .employee },
                                           child("c", born: "2015-05-05")]),
                    deadline: "2026-04-15", members: ["a", "c"],
                    misses: [
                        event("move-in", [headA { $0.insurance = .employee }, child("c", born: "2015-05-05") { $0.insurance = .dependent }]),
                        // 75th birthday on the event date: 後期高齢者医療, not 国保.
                        event("move-in", [elder(born: "1951-04-01") { $0.insurance = .national }]),
                        event("move-in", [headA { $0.insurance = .national; $0.moving = false }, spouseB { $0.insurance = .employee }]),
                    ]),
        TriggerCase("kokuho.kanyu", "the day before the 75th birthday is not yet kouki",
                    hit: event("move-in", [elder(born: "1951-04-02") { $0.insurance = .national }]),
                    deadline: "2026-04-15", members: ["g"],
                    misses: [event("move-in", [elder(born: "1951-04-01") { $0.insurance = .none }])]),
        TriggerCase("kouki.kanyu", "on the 75th birthday; Golden Week deadline",
                    hit: event("move-in", [headA(), elder(born: "1951-04-18")], on: "2026-04-18"),
                    deadline: "2026-05-07", members: ["g"],
                    misses: [event("move-in", [headA(), elder(born: "1951-04-19")], on: "2026-04-18")]),
        TriggerCase("kaigo.shutoku", "from the day before the 65th birthday; New Year deadline",
                    hit: event("move-in", [headA(), elder(born: "1961-12-16")], on: "2026-12-15"),
                    deadline: "2027-01-04", members: ["g"],
                    misses: [
                        event("move-in", [headA(), elder(born: "1961-12-17")], on: "2026-12-15"),
                        event("move-in", [headA(), elder(born: "1961-12-16") { $0.moving = false }], on: "2026-12-15"),
                    ]),
        TriggerCase("kaigo.nintei-hikitsugi", "a care certification; weekend deadline",
                    hit: event("move-in", [headA(), elder(born: "1950-01-10") { $0.careCertification = .care2 }], on: "2026-04-04"),
                    deadline: "2026-04-20", members: ["g"],
                    misses: [
                        event("move-in", [headA(), elder(born: "1950-01-10")], on: "2026-04-04"),
                        event("move-in", [headA(), elder(born: "1950-01-10") { $0.careCertification = .care2; $0.moving = false }], on: "2026-04-04"),
                    ]),
        TriggerCase("jidoteate.nintei", "a child up to 高校生年代, counted from the planned move-out date",
                    hit: event("move-in", [headA(), spouseB { $0.publicServant = true; $0.moving = false },
                                           child("c", born: "2008-04-02")]) { $0.plannedMoveOutDate = date("2026-03-28") },
                    deadline: "2026-04-13", members: ["c"],
                    misses: [
                        event("move-in", [headA(), child("c", born: "2008-04-01")]),
                        event("move-in", [headA { $0.publicServant = true }, child("c", born: "2015-05-05")]),
                        event("move-in", [headA(), child("c", born: "2015-05-05") { $0.moving = false }]),
                        event("move-in", [headA(), person("o", .other, born: "2015-05-05")]),
                    ]),
        TriggerCase("jidoteate.nintei", "without a planned move-out date, from the event date",
                    hit: event("move-in", [headA(), child("c", born: "2015-05-05")]),
                    deadline: "2026-04-16", members: ["c"],
                    misses: [event("move-in", [headA(), spouseB()])]),
        TriggerCase("kodomo-iryo.shinsei", "a moving child up to 高校生年代",
                    hit: event("move-in", [headA(), child("c", born: "2008-04-02"), child("d", born: "2008-04-01")]),
                    deadline: "2026-04-15", members: ["c"],
                    misses: [
                        event("move-in", [headA(), child("d", born: "2008-04-01")]),
                        event("move-in", [headA(), child("c", born: "2015-05-05") { $0.moving = false }]),
                    ]),
        TriggerCase("jidofuyo.nintei", "receives 児童扶養手当",
                    hit: event("move-in", [headA { $0.receives = [.childRearingAllowance] }, child("c", born: "2015-05-05")]),
                    deadline: nil, members: ["a"],
                    misses: [
                        event("move-in", [headA { $0.receives = [.childAllowance] }, child("c", born: "2015-05-05")]),
                        event("move-in", [headA { $0.receives = [.childRearingAllowance]; $0.moving = false }, child("c", born: "2015-05-05")]),
                    ]),
        TriggerCase("gakko.tennyugaku", "compulsory school age, first day and last year",
                    hit: event("move-in", [headA(), child("c", born: "2019-04-02"), child("d", born: "2011-04-01"),
                                           child("e", born: "2011-04-02")]),
                    deadline: nil, members: ["c", "e"],
                    misses: [
                        event("move-in", [headA(), child("c", born: "2020-04-02"), child("d", born: "2011-04-01")]),
                        event("move-in", [headA(), child("c", born: "2015-05-05") { $0.moving = false }]),
                    ]),
        TriggerCase("hoiku.moushikomi", "needs a nursery",
                    hit: event("move-in", [headA(), child("c", born: "2024-05-01") { $0.needsNursery = true }, child("d", born: "2023-05-01")]),
                    deadline: nil, members: ["c"],
                    misses: [
                        event("move-in", [headA(), child("c", born: "2024-05-01")]),
                        event("move-in", [headA(), child("c", born: "2024-05-01") { $0.needsNursery = true; $0.moving = false }]),
                    ]),
        TriggerCase("inkan.toroku", "wants a seal and is legally 15",
                    hit: event("move-in", [headA { $0.wantsSealRegistration = true },
                                           child("c", born: "2011-04-02") { $0.wantsSealRegistration = true },
                                           child("d", born: "2011-04-03") { $0.wantsSealRegistration = true }]),
                    deadline: nil, members: ["a", "c"],
                    misses: [
                        event("move-in", [headA(), child("d", born: "2011-04-03") { $0.wantsSealRegistration = true }]),
                        event("move-in", [headA { $0.wantsSealRegistration = true; $0.moving = false }, spouseB()]),
                    ]),
        TriggerCase("shogai.jusho-henko", "a disability certificate",
                    hit: event("move-in", [headA(), spouseB { $0.disabilityCertificate = true }]),
                    deadline: nil, members: ["b"],
                    misses: [
                        event("move-in", [headA(), spouseB()]),
                        event("move-in", [headA(), spouseB { $0.disabilityCertificate = true; $0.moving = false }]),
                    ]),
        TriggerCase("boshi.ninpu-kenshin", "pregnant",
                    hit: event("move-in", [headA { $0.pregnant = true }, spouseB()]),
                    deadline: nil, members: ["a"],
                    misses: [
                        event("move-in", [headA(), spouseB()]),
                        event("move-in", [headA { $0.pregnant = true; $0.moving = false }, spouseB()]),
                    ]),
        TriggerCase("inu.henko", "a dog: the head, 30 days without roll-forward",
                    hit: event("move-in", [child("c", born: "2015-05-05"), headA(), spouseB()], on: "2026-04-03") { $0.dogs = 2 },
                    deadline: "2026-05-03", members: ["a"],
                    misses: [event("move-in", [child("c", born: "2015-05-05"), headA()], on: "2026-04-03") { $0.mopeds = 1 }]),
        TriggerCase("gentsuki.hyoshiki", "a moped: the head, 15 days without roll-forward",
                    hit: event("move-in", [spouseB(), headA()], on: "2026-04-03") { $0.mopeds = 1 },
                    deadline: "2026-04-18", members: ["a"],
                    misses: [event("move-in", [spouseB(), headA()], on: "2026-04-03") { $0.dogs = 1 }]),
    ]

    static let moveOut: [TriggerCase] = [
        TriggerCase("juki.tenshutsu", "always, for the moving members",
                    hit: event("move-out", [headA(), spouseB { $0.moving = false }]),
                    deadline: "2026-04-15", members: ["a"],
                    misses: [event("move-in", [headA()]), event("move-within", [headA()])]),
        TriggerCase("kokuho.soshitsu", "national insurance",
                    hit: event("move-out", [headA { $0.insurance = .national }, spouseB { $0.insurance = .employee }]),
                    deadline: "2026-04-15", members: ["a"],
                    misses: [
                        event("move-out", [headA { $0.insurance = .none }]),
                        event("move-out", [headA { $0.insurance = .national; $0.moving = false }, spouseB { $0.insurance = .employee }]),
                    ]),
        TriggerCase("kouki.tenshutsu", "late-elderly insurance",
                    hit: event("move-out", [headA(), elder(born: "1945-01-10") { $0.insurance = .lateElderly }]),
                    deadline: "2026-04-15", members: ["g"],
                    misses: [event("move-out", [headA(), elder(born: "1945-01-10") { $0.insurance = .national }])]),
        TriggerCase("kaigo.tenshutsu", "from the day before the 65th birthday",
                    hit: event("move-out", [headA(), elder(born: "1961-04-02")]),
                    deadline: "2026-04-15", members: ["g"],
                    misses: [event("move-out", [headA(), elder(born: "1961-04-03")])]),
        TriggerCase("kaigo.tenshutsu", "a care certification at any age",
                    hit: event("move-out", [headA { $0.careCertification = .support1 }, spouseB()]),
                    deadline: "2026-04-15", members: ["a"],
                    misses: [event("move-out", [headA { $0.careCertification = .support1; $0.moving = false }, spouseB()])]),
        TriggerCase("jidoteate.shometsu", "receives child allowance",
                    hit: event("move-out", [headA { $0.receives = [.childAllowance] }, child("c", born: "2015-05-05")]),
                    deadline: "2026-04-16", members: ["a"],
                    misses: [
                        event("move-out", [headA { $0.receives = [.pension, .childRearingAllowance] }, child("c", born: "2015-05-05")]),
                        event("move-out", [headA { $0.receives = [.childAllowance]; $0.moving = false }, child("c", born: "2015-05-05")]),
                    ]),
        TriggerCase("kodomo-iryo.henkan", "a moving child up to 高校生年代",
                    hit: event("move-out", [headA(), child("c", born: "2008-04-02")]),
                    deadline: nil, members: ["c"],
                    misses: [event("move-out", [headA(), child("c", born: "2008-04-01")])]),
        TriggerCase("gakko.tenshutsu", "compulsory school age",
                    hit: event("move-out", [headA(), child("c", born: "2019-04-02"), child("d", born: "2020-04-02")]),
                    deadline: nil, members: ["c"],
                    misses: [event("move-out", [headA(), child("d", born: "2020-04-02")])]),
        TriggerCase("gentsuki.haisha", "a moped: the head",
                    hit: event("move-out", [spouseB(), headA()]) { $0.mopeds = 1 },
                    deadline: "2026-05-01", members: ["a"],
                    misses: [event("move-out", [spouseB(), headA()]) { $0.dogs = 1 }]),
    ]

    static let moveWithin: [TriggerCase] = [
        TriggerCase("juki.tenkyo", "always, for the moving members",
                    hit: event("move-within", [headA(), spouseB { $0.moving = false }, child("c", born: "2015-05-05")]),
                    deadline: "2026-04-15", members: ["a", "c"],
                    misses: [event("move-in", [headA()]), event("move-out", [headA()])]),
        TriggerCase("myna.kisai-henko", "any card",
                    hit: event("move-within", [headA { $0.myNumberCard = .faceAuth }, spouseB()]),
                    deadline: "2026-04-15", members: ["a"],
                    misses: [
                        event("move-within", [headA(), spouseB()]),
                        event("move-within", [headA { $0.myNumberCard = .faceAuth; $0.moving = false }, spouseB()]),
                    ]),
        TriggerCase("jpki.sign-reissue", "standard card and legal age 15",
                    hit: event("move-within", [headA { $0.myNumberCard = .standard }, child("d", born: "2011-04-03") { $0.myNumberCard = .standard }]),
                    deadline: nil, members: ["a"],
                    misses: [
                        event("move-within", [headA { $0.myNumberCard = .faceAuth }, child("d", born: "2011-04-03") { $0.myNumberCard = .standard }]),
                    ]),
        TriggerCase("kokuho.jusho-henko", "national insurance",
                    hit: event("move-within", [headA { $0.insurance = .national }]),
                    deadline: "2026-04-15", members: ["a"],
                    misses: [event("move-within", [headA { $0.insurance = .none }])]),
        TriggerCase("kouki.jusho-henko", "late-elderly insurance",
                    hit: event("move-within", [elder(born: "1945-01-10") { $0.insurance = .lateElderly }]),
                    deadline: "2026-04-15", members: ["g"],
                    misses: [event("move-within", [elder(born: "1945-01-10") { $0.insurance = .national }])]),
        TriggerCase("kaigo.jusho-henko", "from the day before the 65th birthday",
                    hit: event("move-within", [headA(), elder(born: "1961-04-02")]),
                    deadline: "2026-04-15", members: ["g"],
                    misses: [event("move-within", [headA(), elder(born: "1961-04-03")])]),
        TriggerCase("gakko.tenko", "compulsory school age from the April 1 after reaching 6",
                    hit: event("move-within", [headA(), child("c", born: "2020-04-01")]),
                    deadline: nil, members: ["c"],
                    misses: [event("move-within", [headA(), child("c", born: "2020-04-02")])]),
        TriggerCase("inu.henko", "a dog: the head",
                    hit: event("move-within", [spouseB(), headA()]) { $0.dogs = 1 },
                    deadline: "2026-05-01", members: ["a"],
                    misses: [event("move-within", [spouseB(), headA()])]),
    ]

    /// The newborn `n`, born on the event date 2026-04-01.
    private static func newborn() -> Member { person("n", .newborn, .male, born: "2026-04-01") }

    static let birth: [TriggerCase] = [
        TriggerCase("koseki.shussei", "always; the birth day counts as day 1",
                    hit: event("birth", [headA(), spouseB(), newborn()]),
                    deadline: "2026-04-14", members: ["n"],
                    misses: [event("move-in", [headA(), spouseB(), newborn()])]),
        TriggerCase("jidoteate.nintei", "no child allowance yet and no public servant parent",
                    hit: event("birth", [headA(), spouseB(), newborn()]),
                    deadline: "2026-04-16", members: ["n"],
                    misses: [
                        event("birth", [headA { $0.receives = [.childAllowance] }, spouseB(), newborn()]),
                        event("birth", [headA(), spouseB { $0.publicServant = true }, newborn()]),
                    ]),
        TriggerCase("jidoteate.gakukaitei", "already receives child allowance",
                    hit: event("birth", [headA { $0.receives = [.childAllowance] }, spouseB(), child("c", born: "2022-06-01"), newborn()]),
                    deadline: "2026-04-16", members: ["a"],
                    misses: [
                        event("birth", [headA(), spouseB(), child("c", born: "2022-06-01"), newborn()]),
                        event("birth", [headA { $0.receives = [.childAllowance] }, spouseB { $0.publicServant = true }, newborn()]),
                    ]),
        TriggerCase("kodomo-iryo.shinsei", "always",
                    hit: event("birth", [headA(), newborn()]),
                    deadline: "2026-04-15", members: ["n"],
                    misses: [event("marriage", [headA(), spouseB()])]),
        // The baby joins 国保: the form is for the newborn, not for the parent already in it.
        TriggerCase("kokuho.kanyu", "a parent in national insurance",
                    hit: event("birth", [headA { $0.insurance = .employee }, spouseB { $0.insurance = .national }, newborn()]),
                    deadline: "2026-04-15", members: ["n"],
                    misses: [
                        event("birth", [headA { $0.insurance = .employee }, elder(born: "1960-01-10") { $0.insurance = .national }, newborn()]),
                        event("birth", [headA { $0.insurance = .employee }, spouseB { $0.insurance = .dependent }, newborn()]),
                    ]),
        TriggerCase("kokuho.shussan-ichiji", "the mother in national insurance",
                    hit: event("birth", [headA { $0.insurance = .national }, spouseB { $0.insurance = .employee }, newborn()]),
                    deadline: nil, members: ["a"],
                    misses: [
                        event("birth", [headA { $0.insurance = .employee }, spouseB { $0.insurance = .national }, newborn()]),
                        event("birth", [headA { $0.insurance = .employee }, elder(born: "1960-01-10") { $0.insurance = .national }, newborn()]),
                    ]),
        TriggerCase("boshi.shussei-renraku", "always",
                    hit: event("birth", [headA(), newborn()]),
                    deadline: nil, members: ["n"],
                    misses: [event("move-in", [headA(), newborn()])]),
    ]

    /// The deceased head `d` (legal age 75 on 2026-04-01).
    private static func deceased(born: String = "1950-05-05", relation: Relation = .head,
                                 _ configure: (inout Member) -> Void = { _ in }) -> Member {
        person("d", relation, .male, born: born) {
            $0.deceased = true
            configure(&$0)
        }
    }

    static let death: [TriggerCase] = [
        TriggerCase("koseki.shibou", "always, for the deceased",
                    hit: event("death", [deceased(), headA { $0.relation = .spouse }]),
                    deadline: "2026-04-07", members: ["d"],
                    misses: [event("marriage", [headA(), spouseB()])]),
        TriggerCase("kasou.kyoka", "always, for the deceased",
                    hit: event("death", [deceased(), headA { $0.relation = .spouse }]),
                    deadline: "2026-04-07", members: ["d"],
                    misses: [event("divorce", [headA(), spouseB()])]),
        TriggerCase("juki.setainushi-henko", "the head died and two survivors are legally 15",
                    hit: event("death", [deceased(), headA { $0.relation = .spouse }, child("c", born: "2011-04-02")]),
                    deadline: "2026-04-15",
                    misses: [
                        event("death", [deceased(), headA { $0.relation = .spouse }, child("c", born: "2011-04-03")]),
                        event("death", [deceased(relation: .spouse), headA(), child("c", born: "2011-04-02")]),
                    ]),
        TriggerCase("kokuho.soshitsu", "the deceased was in national insurance",
                    hit: event("death", [deceased { $0.insurance = .national }, headA { $0.relation = .spouse }]),
                    deadline: "2026-04-15", members: ["d"],
                    misses: [event("death", [deceased { $0.insurance = .employee }, headA { $0.relation = .spouse; $0.insurance = .national }])]),
        TriggerCase("kokuho.sousaihi", "the deceased was in national insurance",
                    hit: event("death", [deceased(born: "1960-01-10") { $0.insurance = .national }, headA { $0.relation = .spouse }]),
                    deadline: nil, members: ["d"],
                    misses: [event("death", [deceased(born: "1960-01-10") { $0.insurance = .lateElderly }, headA { $0.relation = .spouse; $0.insurance = .national }])]),
        TriggerCase("kouki.soshitsu", "the deceased was in late-elderly insurance",
                    hit: event("death", [deceased { $0.insurance = .lateElderly }, headA { $0.relation = .spouse }]),
                    deadline: "2026-04-15", members: ["d"],
                    misses: [event("death", [deceased { $0.insurance = .national }, elder(born: "1940-01-10") { $0.insurance = .lateElderly }])]),
        TriggerCase("kouki.sousaihi", "the deceased was in late-elderly insurance",
                    hit: event("death", [deceased { $0.insurance = .lateElderly }, headA { $0.relation = .spouse }]),
                    deadline: nil, members: ["d"],
                    misses: [event("death", [deceased { $0.insurance = .national }, elder(born: "1940-01-10") { $0.insurance = .lateElderly }])]),
        TriggerCase("kaigo.soshitsu", "the deceased was 65 (from the day before the birthday)",
                    hit: event("death", [deceased(born: "1961-04-02"), headA { $0.relation = .spouse }]),
                    deadline: "2026-04-15", members: ["d"],
                    misses: [event("death", [deceased(born: "1961-04-03"), elder(born: "1940-01-10")])]),
        TriggerCase("kaigo.soshitsu", "the deceased had a care certification",
                    hit: event("death", [deceased(born: "1980-01-10") { $0.careCertification = .care3 }, headA { $0.relation = .spouse }]),
                    deadline: "2026-04-15", members: ["d"],
                    misses: [event("death", [deceased(born: "1980-01-10"), elder(born: "1940-01-10") { $0.careCertification = .care3 }])]),
        TriggerCase("nenkin.shibou", "the deceased received a pension",
                    hit: event("death", [deceased { $0.receives = [.pension] }, headA { $0.relation = .spouse }]),
                    deadline: "2026-04-15", members: ["d"],
                    misses: [event("death", [deceased { $0.receives = [.childAllowance] }, headA { $0.relation = .spouse; $0.receives = [.pension] }])]),
        TriggerCase("shogai.henkan", "the deceased had a disability certificate",
                    hit: event("death", [deceased { $0.disabilityCertificate = true }, headA { $0.relation = .spouse }]),
                    deadline: nil, members: ["d"],
                    misses: [event("death", [deceased(), headA { $0.relation = .spouse; $0.disabilityCertificate = true }])]),
        TriggerCase("jidoteate.nintei", "the recipient died and a child up to 高校生年代 survives",
                    hit: event("death", [deceased(born: "1980-01-10") { $0.receives = [.childAllowance] }, headA { $0.relation = .spouse },
                                         child("c", born: "2008-04-02")]),
                    // The surviving parent claims anew: the form is theirs, not the deceased's.
                    deadline: "2026-04-16", members: ["a"],
                    misses: [
                        event("death", [deceased(born: "1980-01-10") { $0.receives = [.childAllowance] }, headA { $0.relation = .spouse },
                                        child("c", born: "2008-04-01")]),
                        event("death", [deceased(born: "1980-01-10"), headA { $0.relation = .spouse; $0.receives = [.childAllowance] },
                                        child("c", born: "2015-05-05")]),
                    ]),
    ]

    static let marriage: [TriggerCase] = [
        TriggerCase("koseki.konin", "always, for everyone",
                    hit: event("marriage", [headA(), spouseB()]),
                    deadline: nil, members: ["a", "b"],
                    misses: [event("divorce", [headA(), spouseB()])]),
        TriggerCase("myna.kisai-henko", "the name changes and there is a card",
                    hit: event("marriage", [headA(), spouseB { $0.nameChanges = true; $0.myNumberCard = .standard }]),
                    deadline: "2026-04-15", members: ["b"],
                    misses: [event("marriage", [headA { $0.myNumberCard = .standard }, spouseB { $0.nameChanges = true }])]),
        TriggerCase("inkan.saitoroku", "the name changes and a seal is registered",
                    hit: event("marriage", [headA(), spouseB { $0.nameChanges = true; $0.sealRegistered = true }]),
                    deadline: nil, members: ["b"],
                    misses: [event("marriage", [headA { $0.sealRegistered = true }, spouseB { $0.nameChanges = true }])]),
        TriggerCase("kokuho.soshitsu", "national insurance, joining the spouse's employee insurance",
                    hit: event("marriage", [headA { $0.insurance = .employee }, spouseB { $0.insurance = .national; $0.joinsSpouseEmployeeInsurance = true }]),
                    deadline: "2026-04-15", members: ["b"],
                    misses: [event("marriage", [headA { $0.insurance = .national }, spouseB { $0.insurance = .employee; $0.joinsSpouseEmployeeInsurance = true }])]),
    ]

    static let divorce: [TriggerCase] = [
        TriggerCase("koseki.rikon", "always, for everyone",
                    hit: event("divorce", [headA(), spouseB()]),
                    deadline: nil, members: ["a", "b"],
                    misses: [event("marriage", [headA(), spouseB()])]),
        TriggerCase("myna.kisai-henko", "the name changes and there is a card",
                    hit: event("divorce", [headA { $0.nameChanges = true; $0.myNumberCard = .faceAuth }, spouseB()]),
                    deadline: "2026-04-15", members: ["a"],
                    misses: [event("divorce", [headA { $0.nameChanges = true }, spouseB { $0.myNumberCard = .faceAuth }])]),
        TriggerCase("inkan.saitoroku", "the name changes and a seal is registered",
                    hit: event("divorce", [headA { $0.nameChanges = true; $0.sealRegistered = true }, spouseB()]),
                    deadline: nil, members: ["a"],
                    misses: [event("divorce", [headA { $0.nameChanges = true }, spouseB { $0.sealRegistered = true }])]),
        TriggerCase("kokuho.kanyu", "was a dependant on the spouse's employee insurance",
                    hit: event("divorce", [headA { $0.insurance = .dependent }, spouseB { $0.insurance = .employee }]),
                    deadline: "2026-04-15", members: ["a"],
                    misses: [event("divorce", [headA { $0.insurance = .national }, spouseB { $0.insurance = .employee }])]),
        TriggerCase("nenkin.shubetsu-henko", "pension category 3",
                    hit: event("divorce", [headA { $0.pensionCategory = 3 }, spouseB { $0.pensionCategory = 2 }]),
                    deadline: "2026-04-15", members: ["a"],
                    misses: [event("divorce", [headA { $0.pensionCategory = 1 }, spouseB { $0.pensionCategory = 2 }]),
                             event("divorce", [headA(), spouseB()])]),
        TriggerCase("jidofuyo.nintei", "a child up to 高校生年代 with a custodial parent",
                    hit: event("divorce", [headA { $0.custodialParent = true }, spouseB(), child("c", born: "2008-04-02")]),
                    deadline: nil,
                    misses: [
                        event("divorce", [headA(), spouseB(), child("c", born: "2008-04-02")]),
                        event("divorce", [headA { $0.custodialParent = true }, spouseB(), child("c", born: "2008-04-01")]),
                    ]),
        TriggerCase("hitorioya-iryo.shinsei", "a child up to 高校生年代 with a custodial parent",
                    hit: event("divorce", [headA(), spouseB { $0.custodialParent = true }, child("c", born: "2015-05-05")]),
                    deadline: nil,
                    misses: [
                        event("divorce", [headA(), spouseB(), child("c", born: "2015-05-05")]),
                        event("divorce", [headA(), spouseB { $0.custodialParent = true }, child("c", born: "2008-04-01")]),
                    ]),
    ]

    static let all: [TriggerCase] = moveIn + moveOut + moveWithin + birth + death + marriage + divorce
}

// MARK: - The spec's tables, written out

/// Every row of docs/catalog-spec.md's event tables: code, section, deadline rule, per member.
private let specTables: [String: [(code: String, section: String, deadline: String, perMember: Bool)]] = [
    "move-in": [
        ("juki.tennyu", "JUMIN", "JUKI_14", false),
        ("myna.keizoku", "JUMIN", "MYNA_90", true),
        ("jpki.sign-reissue", "JUMIN", "NONE", true),
        ("kokuho.kanyu", "HOKEN_NENKIN", "JUKI_14", false),
        ("kouki.kanyu", "HOKEN_NENKIN", "JUKI_14", false),
        ("kaigo.shutoku", "KOUREI_KAIGO", "JUKI_14", false),
        ("kaigo.nintei-hikitsugi", "KOUREI_KAIGO", "KAIGO_14", true),
        ("jidoteate.nintei", "KODOMO", "JIDOTEATE_15", false),
        ("kodomo-iryo.shinsei", "KODOMO", "JUKI_14", false),
        ("jidofuyo.nintei", "KODOMO", "NONE", false),
        ("gakko.tennyugaku", "GAKKO", "NONE", true),
        ("hoiku.moushikomi", "HOIKU", "NONE", true),
        ("inkan.toroku", "JUMIN", "NONE", true),
        ("shogai.jusho-henko", "SHOGAI", "NONE", true),
        ("boshi.ninpu-kenshin", "BOSHI", "NONE", true),
        ("inu.henko", "KANKYO", "DAYS_30", false),
        ("gentsuki.hyoshiki", "ZEIMU", "DAYS_15", false),
    ],
    "move-out": [
        ("juki.tenshutsu", "JUMIN", "JUKI_14", false),
        ("kokuho.soshitsu", "HOKEN_NENKIN", "JUKI_14", false),
        ("kouki.tenshutsu", "HOKEN_NENKIN", "JUKI_14", false),
        ("kaigo.tenshutsu", "KOUREI_KAIGO", "JUKI_14", false),
        ("jidoteate.shometsu", "KODOMO", "JIDOTEATE_15", false),
        ("kodomo-iryo.henkan", "KODOMO", "NONE", false),
        ("gakko.tenshutsu", "GAKKO", "NONE", true),
        ("gentsuki.haisha", "ZEIMU", "DAYS_30", false),
    ],
    "move-within": [
        ("juki.tenkyo", "JUMIN", "JUKI_14", false),
        ("myna.kisai-henko", "JUMIN", "JUKI_14", true),
        ("jpki.sign-reissue", "JUMIN", "NONE", true),
        ("kokuho.jusho-henko", "HOKEN_NENKIN", "JUKI_14", false),
        ("kouki.jusho-henko", "HOKEN_NENKIN", "JUKI_14", false),
        ("kaigo.jusho-henko", "KOUREI_KAIGO", "JUKI_14", false),
        ("gakko.tenko", "GAKKO", "NONE", true),
        ("inu.henko", "KANKYO", "DAYS_30", false),
    ],
    "birth": [
        ("koseki.shussei", "JUMIN", "KOSEKI_BIRTH_14", false),
        ("jidoteate.nintei", "KODOMO", "JIDOTEATE_15", false),
        ("jidoteate.gakukaitei", "KODOMO", "JIDOTEATE_15", false),
        ("kodomo-iryo.shinsei", "KODOMO", "JUKI_14", false),
        ("kokuho.kanyu", "HOKEN_NENKIN", "JUKI_14", false),
        ("kokuho.shussan-ichiji", "HOKEN_NENKIN", "NONE", false),
        ("boshi.shussei-renraku", "BOSHI", "NONE", false),
    ],
    "death": [
        ("koseki.shibou", "JUMIN", "KOSEKI_DEATH_7", false),
        ("kasou.kyoka", "JUMIN", "KOSEKI_DEATH_7", false),
        ("juki.setainushi-henko", "JUMIN", "JUKI_14", false),
        ("kokuho.soshitsu", "HOKEN_NENKIN", "JUKI_14", false),
        ("kokuho.sousaihi", "HOKEN_NENKIN", "NONE", false),
        ("kouki.soshitsu", "HOKEN_NENKIN", "JUKI_14", false),
        ("kouki.sousaihi", "HOKEN_NENKIN", "NONE", false),
        ("kaigo.soshitsu", "KOUREI_KAIGO", "JUKI_14", false),
        ("nenkin.shibou", "HOKEN_NENKIN", "JUKI_14", false),
        ("shogai.henkan", "SHOGAI", "NONE", false),
        ("jidoteate.nintei", "KODOMO", "JIDOTEATE_15", false),
    ],
    "marriage": [
        ("koseki.konin", "JUMIN", "NONE", false),
        ("myna.kisai-henko", "JUMIN", "JUKI_14", false),
        ("inkan.saitoroku", "JUMIN", "NONE", false),
        ("kokuho.soshitsu", "HOKEN_NENKIN", "JUKI_14", false),
    ],
    "divorce": [
        ("koseki.rikon", "JUMIN", "NONE", false),
        ("myna.kisai-henko", "JUMIN", "JUKI_14", false),
        ("inkan.saitoroku", "JUMIN", "NONE", false),
        ("kokuho.kanyu", "HOKEN_NENKIN", "JUKI_14", false),
        ("nenkin.shubetsu-henko", "HOKEN_NENKIN", "JUKI_14", false),
        ("jidofuyo.nintei", "KODOMO", "NONE", false),
        ("hitorioya-iryo.shinsei", "KODOMO", "NONE", false),
    ],
]

/// A deadline and its roll-forward, counted by hand.
struct DeadlineCase: Sendable, CustomTestStringConvertible {
    let label: String
    let code: String
    let input: LifeEvent
    let expected: String
    var testDescription: String { "\(code): \(label)" }
}

extension DeadlineCase {
    static let all: [DeadlineCase] = [
        DeadlineCase(label: "a plain Wednesday, 14 days counted from the day after", code: "juki.tennyu",
                     input: event("move-in", [headA()], on: "2026-04-01"), expected: "2026-04-15"),
        DeadlineCase(label: "Saturday 2026-04-18 rolls over the weekend", code: "juki.tennyu",
                     input: event("move-in", [headA()], on: "2026-04-04"), expected: "2026-04-20"),
        DeadlineCase(label: "Saturday 2026-05-02 rolls over Golden Week and its 振替休日", code: "juki.tennyu",
                     input: event("move-in", [headA()], on: "2026-04-18"), expected: "2026-05-07"),
        DeadlineCase(label: "2026-12-29 rolls over the New Year break", code: "juki.tennyu",
                     input: event("move-in", [headA()], on: "2026-12-15"), expected: "2027-01-04"),
        DeadlineCase(label: "move-out 2026-12-16 + 14 = 12-30, New Year break", code: "juki.tenshutsu",
                     input: event("move-out", [headA()], on: "2026-12-16"), expected: "2027-01-04"),
        DeadlineCase(label: "birth day is day 1, a Tuesday", code: "koseki.shussei",
                     input: event("birth", [headA(), person("n", .newborn, born: "2026-04-01")], on: "2026-04-01"), expected: "2026-04-14"),
        DeadlineCase(label: "birth on 04-20: day 14 is 05-03, rolls over Golden Week", code: "koseki.shussei",
                     input: event("birth", [headA(), person("n", .newborn, born: "2026-04-20")], on: "2026-04-20"), expected: "2026-05-07"),
        DeadlineCase(label: "born Sunday 04-05: day 14 is Saturday 04-18", code: "koseki.shussei",
                     input: event("birth", [headA(), person("n", .newborn, born: "2026-04-05")], on: "2026-04-05"), expected: "2026-04-20"),
        DeadlineCase(label: "death day is day 1 when known the same day", code: "koseki.shibou",
                     input: event("death", [person("d", .head, born: "1940-01-10") { $0.deceased = true }], on: "2026-04-01"), expected: "2026-04-07"),
        DeadlineCase(label: "counted from the known date 04-12: day 7 is Saturday 04-18", code: "koseki.shibou",
                     input: event("death", [person("d", .head, born: "1940-01-10") { $0.deceased = true }], on: "2026-04-01") {
                         $0.knownDate = date("2026-04-12")
                     }, expected: "2026-04-20"),
        DeadlineCase(label: "kasou.kyoka from the known date too", code: "kasou.kyoka",
                     input: event("death", [person("d", .head, born: "1940-01-10") { $0.deceased = true }], on: "2026-04-01") {
                         $0.knownDate = date("2026-04-10")
                     }, expected: "2026-04-16"),
        DeadlineCase(label: "death on 12-24: day 7 is 12-30, New Year break", code: "kasou.kyoka",
                     input: event("death", [person("d", .head, born: "1940-01-10") { $0.deceased = true }], on: "2026-12-24"), expected: "2027-01-04"),
        DeadlineCase(label: "from the planned move-out date 03-28: 04-12 is a Sunday", code: "jidoteate.nintei",
                     input: event("move-in", [headA(), child("c", born: "2015-05-05")], on: "2026-04-01") {
                         $0.plannedMoveOutDate = date("2026-03-28")
                     }, expected: "2026-04-13"),
        DeadlineCase(label: "no planned move-out date: from the event date", code: "jidoteate.nintei",
                     input: event("move-in", [headA(), child("c", born: "2015-05-05")], on: "2026-04-01"), expected: "2026-04-16"),
        DeadlineCase(label: "birth: 15 days after the birth", code: "jidoteate.nintei",
                     input: event("birth", [headA(), person("n", .newborn, born: "2026-04-17")], on: "2026-04-17"), expected: "2026-05-07"),
        DeadlineCase(label: "90 days from the notification 02-02 is Sunday 05-03, kept", code: "myna.keizoku",
                     input: event("move-in", [headA { $0.myNumberCard = .standard }], on: "2026-01-30") {
                         $0.notificationDate = date("2026-02-02")
                     }, expected: "2026-05-03"),
        DeadlineCase(label: "notification defaults to the event date", code: "myna.keizoku",
                     input: event("move-in", [headA { $0.myNumberCard = .standard }], on: "2026-04-01"), expected: "2026-06-30"),
        DeadlineCase(label: "30 days, Sunday kept", code: "inu.henko",
                     input: event("move-within", [headA()], on: "2026-04-03") { $0.dogs = 1 }, expected: "2026-05-03"),
        DeadlineCase(label: "15 days, Saturday kept", code: "gentsuki.hyoshiki",
                     input: event("move-in", [headA()], on: "2026-04-03") { $0.mopeds = 1 }, expected: "2026-04-18"),
        DeadlineCase(label: "KAIGO_14 rolls over Golden Week", code: "kaigo.nintei-hikitsugi",
                     input: event("move-in", [headA { $0.careCertification = .support2 }], on: "2026-04-18"), expected: "2026-05-07"),
    ]
}

// MARK: - Tests

@Suite struct RuleEngineTests {
    @Test(arguments: TriggerCase.all)
    func triggers(_ c: TriggerCase) throws {
        let finding = try #require(SampleCatalog.finding(c.code, c.hit), "\(c.code) should apply")
        #expect(finding.deadline?.iso == c.deadline)
        if let members = c.members {
            #expect(finding.members == members)
        }
        #expect(SampleCatalog.codes(c.hit).count { $0 == c.code } == 1, "each code appears once per case")
    }

    @Test(arguments: TriggerCase.all)
    func doesNotTriggerForANearMiss(_ c: TriggerCase) {
        #expect(!c.misses.isEmpty)
        for (index, miss) in c.misses.enumerated() {
            #expect(!SampleCatalog.codes(miss).contains(c.code), "miss #\(index) triggered \(c.code)")
        }
    }

    @Test(arguments: DeadlineCase.all)
    func deadlineIsCountedByTheSpecRule(_ c: DeadlineCase) throws {
        let finding = try #require(SampleCatalog.finding(c.code, c.input))
        #expect(finding.deadline == date(c.expected))
    }

    @Test func jidoteateOnAMoveOutCountsFromTheEventDateEvenWithAPlannedMoveOutDate() throws {
        // JIDOTEATE_15 uses the planned move-out date "for a move-in"; a move-out counts from its own date.
        let moveOut = event("move-out", [headA { $0.receives = [.childAllowance] }], on: "2026-04-01") {
            $0.plannedMoveOutDate = date("2026-03-20")
        }
        let finding = try #require(SampleCatalog.finding("jidoteate.shometsu", moveOut))
        #expect(finding.deadline == date("2026-04-16"))
    }

    @Test func aChildBornOnJanuary1IsLegally15OnDecember31() {
        // reached(15, 2011-01-01) = 2025-12-31: ageOn is 15 that day, so the signing certificate must be reissued.
        let moveWithin = event("move-within", [headA(), child("c", born: "2011-01-01") { $0.myNumberCard = .standard }], on: "2025-12-31")
        #expect(SampleCatalog.finding("jpki.sign-reissue", moveWithin)?.members == ["c"])
        // The day after, all agree.
        let nextDay = event("move-within", [headA(), child("c", born: "2011-01-01") { $0.myNumberCard = .standard }], on: "2026-01-01")
        #expect(SampleCatalog.finding("jpki.sign-reissue", nextDay)?.members == ["c"])
    }

    @Test func everyCodeOfTheSpecIsCovered() {
        for (kind, rows) in specTables {
            let covered = Set(TriggerCase.all.filter { $0.hit.kind == kind }.map(\.code))
            #expect(covered == Set(rows.map(\.code)), "\(kind)")
        }
        #expect(Set(TriggerCase.all.map(\.hit.kind)) == Set(specTables.keys))
    }

    @Test func catalogEventsListExactlyTheSpecCodesWithTheirSectionDeadlineAndForms() throws {
        let catalog = SampleCatalog.catalog
        #expect(Set(catalog.events.map(\.id)) == Set(specTables.keys))
        for (kind, rows) in specTables {
            let definition = try #require(catalog.event(kind))
            #expect(definition.triggers.map(\.code).sorted() == rows.map(\.code).sorted(), "\(kind)")
            for row in rows {
                guard let trigger = definition.triggers.first(where: { $0.code == row.code }) else { continue }
                #expect(catalog.procedures[row.code]?.section == row.section, "\(kind) \(row.code) section")
                #expect(trigger.deadline.id == row.deadline, "\(kind) \(row.code) deadline")
                #expect(trigger.perMember == row.perMember, "\(kind) \(row.code) per member")
            }
        }
    }

    @Test func anUnknownEventKindTriggersNothing() {
        #expect(SampleCatalog.engine.evaluate(event("adoption", [headA()])).isEmpty)
    }

    // MARK: Members

    @Test func householdCodesNameTheHeadEvenWhenListedLaterAndNotMoving() throws {
        let moveIn = event("move-in", [child("c", born: "2015-05-05"), spouseB(), headA { $0.moving = false }]) {
            $0.dogs = 1
            $0.mopeds = 2
        }
        #expect(try #require(SampleCatalog.finding("inu.henko", moveIn)).members == ["a"])
        #expect(try #require(SampleCatalog.finding("gentsuki.hyoshiki", moveIn)).members == ["a"])
        #expect(try #require(SampleCatalog.finding("juki.tennyu", moveIn)).members == ["c", "b"])
    }

    @Test func withoutAHeadTheHouseholdCodeNamesTheFirstMember() throws {
        let moveWithin = event("move-within", [spouseB(), child("c", born: "2015-05-05")]) { $0.dogs = 1 }
        #expect(try #require(SampleCatalog.finding("inu.henko", moveWithin)).members == ["b"])
    }

    @Test func perMemberCodesListExactlyTheMembersMeetingTheCondition() throws {
        let moveIn = event("move-in", [
            headA { $0.myNumberCard = .standard; $0.wantsSealRegistration = true },
            spouseB { $0.myNumberCard = .faceAuth; $0.wantsSealRegistration = true; $0.moving = false },
            child("c", born: "2011-04-02") { $0.myNumberCard = .standard; $0.wantsSealRegistration = true },
            child("d", born: "2015-05-05") { $0.myNumberCard = .standard; $0.wantsSealRegistration = true },
        ])
        #expect(try #require(SampleCatalog.finding("myna.keizoku", moveIn)).members == ["a", "c", "d"])
        #expect(try #require(SampleCatalog.finding("jpki.sign-reissue", moveIn)).members == ["a", "c"])
        #expect(try #require(SampleCatalog.finding("inkan.toroku", moveIn)).members == ["a", "c"])
        #expect(try #require(SampleCatalog.finding("gakko.tennyugaku", moveIn)).members == ["c", "d"])
        #expect(try #require(SampleCatalog.finding("juki.tennyu", moveIn)).members == ["a", "c", "d"])
    }

    @Test func alwaysCodesNameTheNewbornTheDeceasedOrEveryone() throws {
        let birth = event("birth", [headA(), spouseB(), person("n", .newborn, born: "2026-04-01")])
        #expect(try #require(SampleCatalog.finding("koseki.shussei", birth)).members == ["n"])
        #expect(try #require(SampleCatalog.finding("boshi.shussei-renraku", birth)).members == ["n"])

        let death = event("death", [headA(), person("d", .spouse, .male, born: "1950-05-05") { $0.deceased = true }])
        #expect(try #require(SampleCatalog.finding("koseki.shibou", death)).members == ["d"])
        #expect(try #require(SampleCatalog.finding("kasou.kyoka", death)).members == ["d"])

        let marriage = event("marriage", [headA(), spouseB()])
        #expect(try #require(SampleCatalog.finding("koseki.konin", marriage)).members == ["a", "b"])
    }

    // MARK: Visiting order

    @Test func findingsFollowTheSectionOrderOfTheMunicipalityWithJuminFirst() {
        let moveIn = event("move-in", [
            headA { $0.insurance = .national; $0.pregnant = true; $0.wantsSealRegistration = true },
            elder(born: "1958-05-05") { $0.disabilityCertificate = true },
            child("c", born: "2017-06-01"),
            child("d", born: "2024-06-01") { $0.needsNursery = true },
        ]) {
            $0.dogs = 1
            $0.mopeds = 1
        }
        let findings = SampleCatalog.engine.evaluate(moveIn)
        #expect(findings.map(\.procedure.code) == [
            "juki.tennyu", "inkan.toroku",                  // JUMIN, in the event's order
            "kokuho.kanyu",                                 // HOKEN_NENKIN
            "kaigo.shutoku",                                // KOUREI_KAIGO
            "jidoteate.nintei", "kodomo-iryo.shinsei",      // KODOMO
            "hoiku.moushikomi",                             // HOIKU
            "gakko.tennyugaku",                             // GAKKO
            "shogai.jusho-henko",                           // SHOGAI
            "gentsuki.hyoshiki",                            // ZEIMU
            "inu.henko",                                    // KANKYO
            "boshi.ninpu-kenshin",                          // BOSHI
        ])
        #expect(findings.first?.section.code == "JUMIN")
        let order = SampleCatalog.catalog.sections.map(\.code)
        let positions = findings.map { order.firstIndex(of: $0.section.code) ?? -1 }
        #expect(positions == positions.sorted())
        #expect(!positions.contains(-1))
    }

    @Test func theOrderComesFromTheCatalogNotFromTheCode() throws {
        var files = try SampleCatalogFiles.load()
        // Move BOSHI (健康増進課) to the front of municipality.yaml.
        let text = try #require(files["municipality.yaml"])
        let boshi = "  - code: BOSHI\n    name: {ja: 健康増進課, en: Health Promotion Division}\n    place: {ja: 保健センター1階, en: \"Health Center, 1st floor\"}\n"
        #expect(text.contains(boshi))
        files["municipality.yaml"] = text.replacingOccurrences(of: boshi, with: "")
            .replacingOccurrences(of: "sections:\n", with: "sections:\n" + boshi)
        let catalog = try CatalogLoader.load(files: files)
        #expect(catalog.sections.first?.code == "BOSHI")
        let moveIn = event("move-in", [headA { $0.pregnant = true; $0.insurance = .employee }])
        #expect(RuleEngine(catalog: catalog).evaluate(moveIn).map(\.procedure.code) == ["boshi.ninpu-kenshin", "juki.tennyu"])
        #expect(SampleCatalog.codes(moveIn) == ["juki.tennyu", "boshi.ninpu-kenshin"])
    }

    // MARK: A whole household

    @Test func aFamilyOfFourMovesIn() throws {
        let family = event("move-in", [
            person("p1", .head, .male, born: "1988-05-10") { $0.insurance = .national; $0.myNumberCard = .standard },
            person("p2", .spouse, .female, born: "1990-08-20") { $0.insurance = .national; $0.myNumberCard = .standard },
            person("k1", .child, .female, born: "2016-06-01") { $0.insurance = .national },
            person("k2", .child, .male, born: "2019-09-15") { $0.insurance = .national },
        ]) { $0.dogs = 1 }
        #expect(SampleCatalog.codes(family) == [
            "juki.tennyu", "myna.keizoku", "jpki.sign-reissue",
            "kokuho.kanyu",
            "jidoteate.nintei", "kodomo-iryo.shinsei",
            "gakko.tennyugaku",
            "inu.henko",
        ])
        #expect(try #require(SampleCatalog.finding("juki.tennyu", family)).members == ["p1", "p2", "k1", "k2"])
        #expect(try #require(SampleCatalog.finding("myna.keizoku", family)).members == ["p1", "p2"])
        #expect(try #require(SampleCatalog.finding("kokuho.kanyu", family)).members == ["p1", "p2", "k1", "k2"])
        #expect(try #require(SampleCatalog.finding("kodomo-iryo.shinsei", family)).members == ["k1", "k2"])
        #expect(try #require(SampleCatalog.finding("gakko.tennyugaku", family)).members == ["k1", "k2"])
        #expect(try #require(SampleCatalog.finding("inu.henko", family)).members == ["p1"])
        #expect(try #require(SampleCatalog.finding("juki.tennyu", family)).deadline == date("2026-04-15"))
        #expect(try #require(SampleCatalog.finding("myna.keizoku", family)).deadline == date("2026-06-30"))
        #expect(try #require(SampleCatalog.finding("jidoteate.nintei", family)).deadline == date("2026-04-16"))
        #expect(try #require(SampleCatalog.finding("inu.henko", family)).deadline == date("2026-05-01"))
        #expect(try #require(SampleCatalog.finding("gakko.tennyugaku", family)).deadline == nil)
    }
}

/// A rule's named set that has nobody in the household falls back to whom the condition picked.
@Test func aNamedSetWithNobodyFallsBackToTheConditionsMembers() throws {
    // A grandparent raises the child after the recipient (the only parent) died: no surviving parent.
    var grandparent = Member(id: "g", relation: .other, sex: .female, birthDate: CivilDate(iso: "1950-01-01")!)
    grandparent.moving = false
    var parent = Member(id: "d", relation: .head, sex: .male, birthDate: CivilDate(iso: "1980-01-10")!)
    parent.deceased = true
    parent.receives = [.childAllowance]
    let child = Member(id: "c", relation: .child, sex: .female, birthDate: CivilDate(iso: "2015-05-05")!)
    let event = LifeEvent(kind: "death", date: CivilDate(iso: "2026-04-01")!, members: [parent, grandparent, child])
    let finding = try #require(SampleCatalog.finding("jidoteate.nintei", event))
    #expect(!finding.members.isEmpty)
    #expect(finding.members.contains("c"))
}

