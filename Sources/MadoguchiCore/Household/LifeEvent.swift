/// One life event of one household: what the guide evaluates and what a Case is about.
public struct LifeEvent: Sendable, Hashable {
    /// The catalog's event id (`move-in`, `birth`, …).
    public var kind: String
    /// Move date, birth date, death date, marriage or divorce date.
    public var date: CivilDate
    /// 届出日; defaults to `date`.
    public var notificationDate: CivilDate
    /// 転出予定日, for a move-in.
    public var plannedMoveOutDate: CivilDate?
    /// The day a death became known; defaults to `date`.
    public var knownDate: CivilDate
    public var fromAbroad = false
    public var dogs = 0
    public var mopeds = 0
    public var members: [Member]

    public init(kind: String, date: CivilDate, members: [Member]) {
        self.kind = kind
        self.date = date
        self.notificationDate = date
        self.knownDate = date
        self.members = members
    }

    /// A named date of the event, by the name deadline rules use.
    public func date(named name: EventDateName) -> CivilDate? {
        switch name {
        case .eventDate: date
        case .notificationDate: notificationDate
        case .plannedMoveOutDate: plannedMoveOutDate
        case .knownDate: knownDate
        }
    }
}

/// The dates a life event carries; deadline rules count from one of them.
public enum EventDateName: String, CaseIterable, Sendable {
    case eventDate, notificationDate, plannedMoveOutDate, knownDate
}
