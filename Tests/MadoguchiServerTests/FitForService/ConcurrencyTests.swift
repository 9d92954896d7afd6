import Fluent
import Foundation
@testable import MadoguchiServer
import MadoguchiCore
import Testing
import Vapor
import VaporTesting

/// Two of the same change at once have exactly one effect: each change reads, checks and writes in one step.
@Suite struct ConcurrencyTests {
    static func generousLimits(_ settings: inout Settings) {
        settings.citizenBudgets = CitizenBudgets(environment: [
            "MADOGUCHI_KIOSK_TICKETS_PER_MINUTE": "100000", "MADOGUCHI_KIOSK_SCANS_PER_MINUTE": "100000",
            "MADOGUCHI_SUBMISSIONS_PER_HOUR": "100000", "MADOGUCHI_LOOKUPS_PER_HOUR": "100000"])
    }

    /// Runs `body` twice at the same time.
    static func twice<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> [T] {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask(operation: body)
            group.addTask(operation: body)
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    /// Two "call next" presses at once on one desk: the first visitor is called and then finished by the
    /// second press, which calls the next one — never two visitors called at one desk.
    @Test func twoCallsAtOnceOnOneDesk() async throws {
        try await withMadoguchi(settings: Self.generousLimits) { app in
            var kiosk = Kiosk(app)
            var clerk = try await Clerk.signedIn(app)
            _ = try await clerk.desk("/queue/desk/JUMIN/1", "open")
            let page = try await clerk.browser.get("/queue/desk/JUMIN/1")
            let csrf = try StaffBrowser.csrf(in: page)
            let desk = clerk.browser
            for round in 0..<50 {
                _ = try await kiosk.take("section", "JUMIN")
                _ = try await kiosk.take("section", "JUMIN")
                _ = try await Self.twice {
                    var mine = desk
                    return try await mine.post("/queue/desk/JUMIN/1", [("action", "call"), ("_csrf", csrf)]).status
                }
                let called = try await QueueTicket.query(on: app.db).filter(\.$state == .called).all()
                #expect(called.count == 1, "round \(round): \(called.map(\.label))")
                let counter = try #require(try await QueueCounter.query(on: app.db).filter(\.$section == "JUMIN").filter(\.$number == 1).first())
                #expect(counter.ticketID == called.first?.id)
                #expect(try await QueueTicket.query(on: app.db).filter(\.$state == .waiting).count() == 0)
            }
        }
    }

    /// One booking scanned at two kiosks at once: one ticket.
    @Test func twoCheckInsOfOneBooking() async throws {
        try await withMadoguchi(settings: Self.generousLimits) { app in
            var kiosk = Kiosk(app)
            let home = try await kiosk.browser.get("/kiosk")
            let csrf = try StaffBrowser.csrf(in: home)
            let browser = kiosk.browser
            for round in 0..<50 {
                let token = "booking-\(round)"
                let reservation = QueueReservation(section: "JUMIN", slotAt: Date().addingTimeInterval(60), purposes: ["JUMIN"], name: nil,
                                                   tokenHash: Tokens.digest(token))
                try await app.writeTransaction { db in try await reservation.create(on: db) }
                let answers = try await Self.twice {
                    var mine = browser
                    return try await mine.post("/kiosk/scan", [("code", "http://city.example/reserve/r/\(token)"), ("_csrf", csrf)])
                        .headers.first(name: .location) ?? ""
                }
                #expect(try await QueueTicket.query(on: app.db).filter(\.$reservationID == reservation.id).count() == 1, "round \(round)")
                #expect(answers[0] == answers[1], "both scans print the same ticket")
            }
        }
    }

    /// A double tap on "submit": one submission, one set of procedures, one mail.
    @Test func twoSubmissionsOfOneDraft() async throws {
        try await withMadoguchi(mail: OnlineApplicationTests.unreachableMail, settings: Self.generousLimits) { app in
            for round in 0..<10 {
                var citizen = Citizen(app)
                let path = try await citizen.startFamilyOfFour()
                _ = try await citizen.fillIn(path, email: "hanako@example.jp")
                let check = try await citizen.browser.get(path + "/check")
                let csrf = try StaffBrowser.csrf(in: check)
                let browser = citizen.browser
                _ = try await Self.twice {
                    var mine = browser
                    return try await mine.post(path + "/submit", [("_csrf", csrf)]).status
                }
                let submissions = try await CaseTimelineEntry.query(on: app.db).filter(\.$what ~~ "オンラインで申請").count()
                #expect(submissions == round + 1, "round \(round)")
                #expect(try await OutgoingMail.query(on: app.db).count() == round + 1)
            }
        }
    }

    /// Two "confirm" presses on one Case at once: one move, one timeline entry; the other is told it
    /// came too late.
    @Test func twoStateMovesOfOneCase() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            for round in 0..<20 {
                let id = try await clerk.start("move-in")
                #expect(try await clerk.save(id, people: 4, familyOfFourFields).status == .seeOther)
                let page = try await clerk.browser.get("/counter/cases/\(id)")
                let csrf = try StaffBrowser.csrf(in: page)
                let browser = clerk.browser
                let statuses = try await Self.twice {
                    var mine = browser
                    return try await mine.post("/counter/cases/\(id)/transition", [("event", "confirm"), ("_csrf", csrf)]).status
                }
                #expect(statuses.filter { $0 == .seeOther }.count == 1, "round \(round): \(statuses)")
                #expect(statuses.contains(.conflict))
                let caseID = try #require(UUID(uuidString: id))
                let moves = try await CaseTimelineEntry.query(on: app.db).filter(\.$caseRecord.$id == caseID)
                    .filter(\.$what == "状態：\(CaseState.confirmed.nameJa)").count()
                #expect(moves == 1, "round \(round)")
            }
        }
    }

    /// Two saves of one Case at once (two tabs, or a double tap) with different households: each is one
    /// whole change — the Case ends as one of the two, never a mix, and neither answer is an error page.
    @Test func twoSavesOfOneCase() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            for round in 0..<10 {
                let id = try await clerk.start("move-in")
                #expect(try await clerk.save(id, people: 4, familyOfFourFields).status == .seeOther)
                let page = try await clerk.browser.get("/counter/cases/\(id)")
                let csrf = try StaffBrowser.csrf(in: page)
                let browser = clerk.browser
                // Rows as stored (their ids are on the page): one tab keeps four people, the other drops the last.
                let ids = (0..<4).compactMap { index in Clerk.hidden("m\(index)-id", in: page.body.string).map { (index, $0) } }
                #expect(ids.count == 4)
                let four = familyOfFourFields + ids.map { ("m\($0.0)-id", $0.1) } + [("people", "4")]
                let three = familyOfFourFields.filter { !$0.0.hasPrefix("m3-") } + ids.prefix(3).map { ("m\($0.0)-id", $0.1) } + [("people", "3")]
                let statuses = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                    for fields in [four, three] {
                        group.addTask {
                            var mine = browser
                            return try await mine.post("/counter/cases/\(id)", fields + [("_csrf", csrf), ("action", "save")]).status
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(!statuses.contains { $0.code >= 500 }, "round \(round): \(statuses)")
                let caseID = try #require(UUID(uuidString: id))
                let members = try await CaseMemberRecord.query(on: app.db).filter(\.$caseRecord.$id == caseID).sort(\.$position).all()
                #expect([3, 4].contains(members.count), "round \(round): \(members.count) people")
                #expect(members.map(\.position) == Array(1...members.count), "round \(round): positions \(members.map(\.position))")
                let procedures = try await CaseProcedureRecord.query(on: app.db).filter(\.$caseRecord.$id == caseID).all()
                let memberIndexes = Set(procedures.flatMap(\.members))
                #expect(memberIndexes.allSatisfy { $0 >= 1 && $0 <= members.count }, "round \(round): procedures name people \(memberIndexes.sorted()) of \(members.count)")
            }
        }
    }

    /// Two prints at once: each counts as a staff input, and the first print time is the first one's.
    @Test func twoPrintsOfOneCaseEachCount() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-in")
            #expect(try await clerk.save(id, people: 4, familyOfFourFields).status == .seeOther)
            let caseID = try #require(UUID(uuidString: id))
            let before = try #require(try await CaseRecord.find(caseID, on: app.db)).staffInputs
            let browser = clerk.browser
            for _ in 0..<5 {
                _ = try await Self.twice {
                    var mine = browser
                    return try await mine.get("/counter/cases/\(id)/forms.pdf").status
                }
            }
            let record = try #require(try await CaseRecord.find(caseID, on: app.db))
            #expect(record.staffInputs == before + 10, "ten prints, \(record.staffInputs - before) counted")
            let first = try #require(record.firstPrintedAt)
            #expect(first <= Date())
        }
    }

    /// The last two procedures of a Case, in two sections, marked done at the same moment: the Case completes
    /// (each change sees the other's when it decides; on PostgreSQL the Case's row makes them take turns).
    @Test func theLastTwoProceduresDoneAtOnceCompleteTheCase() async throws {
        for round in 0..<3 {
            try await withMadoguchi { app in
                let id = try await SectionTests.handedOffCase(app)
                let caseID = try #require(UUID(uuidString: id))
                let procedures = try await CaseProcedureRecord.query(on: app.db).filter(\.$caseRecord.$id == caseID).all()
                let sections = Array(Set(procedures.map(\.section))).sorted()
                try #require(sections.count >= 2)
                let lastTwo = Array(sections.suffix(2))
                var browsers: [String: StaffBrowser] = [:]
                for section in sections { browsers[section] = try await SectionTests.signIn(app, section) }
                // Everything but one procedure in each of the last two sections is done first.
                var last: [(String, CaseProcedureRecord)] = []
                for section in sections {
                    var browser = try #require(browsers[section])
                    let mine = procedures.filter { $0.section == section }
                    for procedure in lastTwo.contains(section) ? Array(mine.dropLast()) : mine {
                        let page = try await browser.get("/sections/\(section)")
                        _ = try await browser.post("/sections/\(section)/procedures/\(try procedure.requireID())",
                                                   [("action", "done"), ("_csrf", try StaffBrowser.csrf(in: page))])
                    }
                    if lastTwo.contains(section), let procedure = mine.last { last.append((section, procedure)) }
                    browsers[section] = browser
                }
                var posts: [(StaffBrowser, String, String)] = []
                for (section, procedure) in last {
                    var browser = try #require(browsers[section])
                    let page = try await browser.get("/sections/\(section)")
                    posts.append((browser, "/sections/\(section)/procedures/\(try procedure.requireID())", try StaffBrowser.csrf(in: page)))
                }
                let statuses = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                    for (browser, path, csrf) in posts {
                        group.addTask {
                            var mine = browser
                            return try await mine.post(path, [("action", "done"), ("_csrf", csrf)]).status
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses.allSatisfy { $0 == .seeOther }, "round \(round): \(statuses)")
                #expect(try await CaseRecord.find(caseID, on: app.db)?.state == .completed, "round \(round)")
            }
        }
    }
}
