import Fluent
import Foundation
@testable import MadoguchiCore
import MadoguchiOCR
import MadoguchiPDF
@testable import MadoguchiServer
import Testing
import Vapor
import VaporTesting

/// The paper door end to end on the real tools: a hand-filled 児童手当 claim (written in a font, rendered by poppler)
/// uploaded at /paper, read in the background by PP-OCRv5, checked by section staff on the cut-outs, made a Case
/// through the one validator, at the section with the scan attached; and what no form can be told for, kept for a
/// person.
@Suite struct PaperIntakeTests {
    static var canRead: Bool {
        FileManager.default.isExecutableFile(atPath: SyntheticScans.pdftoppm) && TrueTypeFont.findIPAexGothic() != nil && Zbar.isInstalled
            && (try? PPOCRRecognizer()) != nil && ProcessInfo.processInfo.environment["MADOGUCHI_TEST_POSTGRES_URL"] == nil
    }

    /// Leptonica decodes PNG scans.
    static var canDecodePNG: Bool { (try? ScanFile.pages(GrayImage(width: 40, height: 40).png())) != nil }

    /// What the citizen wrote (zone ids, as the sheet spells them).
    static let written: [String: String] = [
        "claimant.family": "佐藤", "claimant.given": "花子", "claimant.familyKana": "サトウ", "claimant.givenKana": "ハナコ",
        "claimant.birthDate": "H020315", "claimant.sex": "female", "claimant.insurance": "employee",
        "address.postcode": "3294101", "address.town": "本町二丁目", "address.banchi": "3-12",
        "child.family": "佐藤", "child.given": "陽太", "child.familyKana": "サトウ", "child.givenKana": "ヨウタ",
        "child.birthDate": "R081120", "child.sex": "male",
    ]

    @Test(.enabled(if: canRead, "needs poppler-utils, IPAex fonts, libzbar0 and the PP-OCRv5 engine"))
    func aHandFilledClaimBecomesACaseAtItsSection() async throws {
        try await withMadoguchi { app in
            let form = try #require(app.madoguchi.catalog.paperForms["jidoteate-nintei"])
            var staff = try await SectionTests.signIn(app, "KODOMO")
            let home = try await staff.get("/paper")
            #expect(home.status == .ok && home.body.string.contains(#"name="files[]""#))
            let csrf = try StaffBrowser.csrf(in: home)
            // Not a scan: refused with the reason, nothing stored.
            let text = try await staff.postMultipart("/paper/scans", [("_csrf", csrf)], file: ("memo.txt", "text/plain", Array("hello".utf8)))
            #expect(text.status == .seeOther || text.status == .found)
            #expect(try await PaperScan.query(on: app.db).count() == 0)
            #expect(try await staff.get(text.headers.first(name: .location) ?? "/paper").body.string.contains("PDF・PNG・JPEG・TIFF"))
            // The filled form as a scanner's PDF.
            let pdf = try SyntheticScans.pdf(form, values: Self.written)
            let upload = try await staff.postMultipart("/paper/scans", [("_csrf", csrf)], file: ("scan.pdf", "application/pdf", pdf))
            #expect(upload.headers.first(name: .location) == "/paper?stored=1")
            _ = try await PaperIntake.run(app)
            try await Self.waitUntilRead(app)
            let page = try #require(try await PaperPage.query(on: app.db).first())
            #expect(page.state == .verify && page.formID == "jidoteate-nintei" && page.printJob == "TEST2345")
            let results = PaperZoneResult.decode(page.readings)
            #expect(results.count == form.zones.count)
            let byZone = Dictionary(uniqueKeysWithValues: results.map { ($0.zone, $0) })
            #expect(byZone["address.postcode"]?.value == "3294101" && byZone["address.postcode"]?.status == "accepted")
            #expect(byZone["claimant.sex"]?.value == "female" && byZone["child.birthDate"]?.value == "R8.11.20")
            #expect(byZone["claimant.family"]?.status == "doubtful", "kanji is never accepted unread")
            #expect(byZone["claimant.publicServant"]?.status == "blank")
            // The check screen: every zone's cut-out, the doubtful ones marked; the read is audited.
            let list = try await staff.get("/paper")
            #expect(list.body.string.contains("/paper/pages/\(try page.requireID().uuidString)"))
            let screen = try await staff.get("/paper/pages/\(try page.requireID().uuidString)")
            #expect(screen.status == .ok)
            let html = screen.body.string
            #expect(html.contains(#"data-zone="claimant.family" data-status="doubtful" data-check="1""#))
            #expect(html.contains("/zones/address.postcode.png"))
            let cutout = try await staff.get("/paper/pages/\(try page.requireID().uuidString)/zones/address.postcode.png")
            #expect(cutout.status == .ok && Array(cutout.body.readableBytesView.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == AuditAction.paperPageViewed.rawValue).count() == 1)
            // Staff keep what was read, key the kanji as written, and get a wrong date refused beside its zone.
            var fields: [(String, String)] = [("_csrf", try StaffBrowser.csrf(in: screen)), ("action", "accept")]
            for result in results where result.value != "" { fields.append(("z-" + result.zone, result.value)) }
            fields.removeAll { ["z-claimant.family", "z-claimant.given", "z-child.family", "z-child.given", "z-address.town", "z-address.banchi"].contains($0.0) }
            fields += [("z-claimant.family", "佐藤"), ("z-claimant.given", "花子"), ("z-child.family", "佐藤"), ("z-child.given", "陽太"),
                       ("z-address.town", "本町二丁目"), ("z-address.banchi", "3-12")]
            let wrong = fields.map { $0.0 == "z-claimant.birthDate" ? ($0.0, "H2.2.30") : $0 }
            let refused = try await staff.post("/paper/pages/\(try page.requireID().uuidString)", wrong)
            #expect(refused.status == .badRequest)
            #expect(refused.body.string.contains(#"id="z-claimant.birthDate-error""#))
            #expect(try await CaseRecord.query(on: app.db).count() == 0, "nothing made of a refused check")
            let made = try await staff.post("/paper/pages/\(try page.requireID().uuidString)", fields)
            #expect(made.headers.first(name: .location) == "/paper?made=1", "\(made.body.string.prefix(2000))")
            // The Case: through the one validator, the form's procedure only, handed off, the scan attached.
            let record = try #require(try await CaseRecord.query(on: app.db).first())
            #expect(record.channel == "paper" && record.state == .handedOff && record.signedAt != nil)
            let members = try await record.$members.query(on: app.db).sort(\.$position).all()
            #expect(members.map(\.familyName) == ["佐藤", "佐藤"] && members.map(\.givenKana) == ["ハナコ", "ヨウタ"])
            #expect(members[1].relation == "newborn" && members[1].birthDate == "2026-11-20" && record.eventDate == "2026-11-20")
            #expect(record.oldAddress?.town == "本町二丁目" && record.oldAddress?.banchi == "3番12号" && record.oldAddress?.city == "サンプル市")
            let procedures = try await record.$procedures.query(on: app.db).all()
            #expect(procedures.map(\.code) == ["jidoteate.nintei"] && procedures[0].status == .open)
            let attachments = try await record.$attachments.query(on: app.db).all()
            #expect(attachments.count == 1 && attachments[0].kind == "png")
            let work = try await staff.get("/sections/KODOMO")
            #expect(work.body.string.contains(#"data-case="\#(record.reference)""#))
            let done = try #require(try await PaperPage.find(page.id, on: app.db))
            #expect(done.state == .done && done.caseID == record.id && done.checkedBy == "s-kodomo")
            // Once only.
            let again = try await staff.post("/paper/pages/\(try page.requireID().uuidString)", fields)
            #expect(again.status == .conflict)
            #expect(try await CaseRecord.query(on: app.db).count() == 1)
            // The figures: kanji keyed, digits as read.
            let figures = try await PaperController.figures(on: app.db)
            #expect(figures.0.kinds["digits"]?.accuracy == 1 && figures.0.kinds["tick"]?.blank == 1)
            #expect((figures.0.kinds["kanji"]?.filled ?? 0) == 6 && figures.pages == 1)
            #expect(try await staff.get("/paper").body.string.contains(#"data-kind="kanji""#))
            // The same sheet scanned again: its check screen says that printing is already a Case.
            _ = try await staff.postMultipart("/paper/scans", [("_csrf", csrf)], file: ("scan-again.pdf", "application/pdf", pdf))
            _ = try await PaperIntake.run(app)
            try await Self.waitUntilRead(app)
            let twin = try #require(try await PaperPage.query(on: app.db).filter(\.$state == .verify).first())
            let twinScreen = try await staff.get("/paper/pages/\(try twin.requireID().uuidString)").body.string
            let caseLink = SitePath.counterCase(try record.requireID()).path
            #expect(twinScreen.contains(#"id="same-printing""#) && twinScreen.contains(caseLink))
            #expect(!html.contains(#"id="same-printing""#), "the first scan had no twin")
        }
    }

    /// The 住民異動届 as a paper fallback: a move within the city, two people, both addresses completed as the
    /// counter completes them, at 市民課 with only 転居届.
    @Test(.enabled(if: canRead, "needs poppler-utils, IPAex fonts, libzbar0 and the PP-OCRv5 engine"))
    func aPaperMoveWithinTheCityLandsAtTheResidentsSection() async throws {
        try await withMadoguchi { app in
            let form = try #require(app.madoguchi.catalog.paperForms["juki-tenkyo"])
            let written = ["moved.date": "R081101", "old.postcode": "3294101", "new.postcode": "3294101",
                           "first.familyKana": "ヤマダ", "first.givenKana": "タロウ", "first.birthDate": "S600401", "first.sex": "male",
                           "second.relation": "spouse", "second.familyKana": "ヤマダ", "second.givenKana": "ハナコ",
                           "second.birthDate": "S620710", "second.sex": "female"]
            try await PaperIntake.store(Data(try SyntheticScans.pdf(form, values: written)), fileName: "move.pdf", source: "upload",
                                        by: "test", address: nil, on: app)
            _ = try await PaperIntake.run(app)
            try await Self.waitUntilRead(app)
            let page = try #require(try await PaperPage.query(on: app.db).first())
            let results = PaperZoneResult.decode(page.readings)
            for (zone, value) in written {
                if case .date = form.zone(zone)?.kind { continue }  // read in the 和暦 spelling, checked with the Case
                #expect(results.first { $0.zone == zone }?.value == value, "\(zone)")
            }
            var staff = try await SectionTests.signIn(app, "JUMIN")
            let screen = try await staff.get("/paper/pages/\(try page.requireID().uuidString)")
            var fields: [(String, String)] = [("_csrf", try StaffBrowser.csrf(in: screen)), ("action", "accept")]
            for result in results where result.status == "accepted" { fields.append(("z-" + result.zone, result.value)) }
            fields += [("z-old.town", "本町一丁目"), ("z-old.banchi", "2-5"), ("z-new.town", "本町二丁目"), ("z-new.banchi", "3-12"),
                       ("z-first.family", "山田"), ("z-first.given", "太郎"), ("z-second.family", "山田"), ("z-second.given", "花子")]
            // Birth dates are keyed twice (ベリファイ): the first keying is kept, no Case yet.
            let pagePath = "/paper/pages/\(try page.requireID().uuidString)"
            let keyed = try await staff.post(pagePath, fields)
            #expect(keyed.headers.first(name: .location) == "/paper?keyed=1", "\(keyed.body.string.prefix(1500))")
            #expect(try await CaseRecord.query(on: app.db).count() == 0)
            #expect(try await staff.get(pagePath).body.string.contains(#"id="waiting-second""#))
            #expect(try await staff.post(pagePath, fields).status == .conflict, "the same person cannot key it twice")
            // A second member of staff keys them blind: no machine value, no first value.
            try await app.staff("s-jumin2", .section, section: "JUMIN")
            var second = StaffBrowser(app)
            _ = try await second.signIn("s-jumin2", "correct horse battery")
            let blind = try await second.get(pagePath)
            #expect(blind.body.string.contains(#"data-zone="first.birthDate" data-status="second""#))
            #expect(blind.body.string.contains(#"id="z-first.birthDate" name="z-first.birthDate" value autocomplete"#))
            #expect(!blind.body.string.contains("S60.4.1"), "nothing of the first keying or the machine's reading shows")
            var secondFields = fields.filter { $0.0 != "_csrf" && $0.0 != "z-first.birthDate" && $0.0 != "z-second.birthDate" }
            secondFields.append(("_csrf", try StaffBrowser.csrf(in: blind)))
            let differing = try await second.post(pagePath, secondFields + [("z-first.birthDate", "S60.4.7"), ("z-second.birthDate", "昭和62年7月10日")])
            #expect(differing.status == .badRequest && differing.body.string.contains(#"id="z-first.birthDate-error""#))
            #expect(!differing.body.string.contains(#"id="z-second.birthDate-error""#), "the same day however spelt")
            #expect(differing.body.string.contains(#"name="resolve""#))
            let made = try await second.post(pagePath, secondFields + [("z-first.birthDate", "S60.4.1"), ("z-second.birthDate", "昭和62年7月10日")])
            #expect(made.headers.first(name: .location) == "/paper?made=1", "\(made.body.string.prefix(1500))")
            let record = try #require(try await CaseRecord.query(on: app.db).first())
            #expect(record.eventKind == "move-within" && record.state == .handedOff && record.eventDate == "2026-11-01")
            #expect(record.oldAddress?.banchi == "2番5号" && record.newAddress?.town == "本町二丁目" && record.newAddress?.prefecture == "栃木県")
            let members = try await record.$members.query(on: app.db).sort(\.$position).all()
            #expect(members.map(\.relation) == ["head", "spouse"] && members.map(\.givenName) == ["太郎", "花子"])
            #expect(try await record.$procedures.query(on: app.db).all().map(\.code) == ["juki.tenkyo"])
        }
    }

    /// One person moving in from another city joins 国民健康保険 on paper: the form's second person left blank is
    /// nobody; the Case has only 国保の加入, at 保険年金課, after two staff keyed the birth date.
    @Test(.enabled(if: canRead, "needs poppler-utils, IPAex fonts, libzbar0 and the PP-OCRv5 engine"))
    func onePersonJoinsNationalHealthInsuranceOnPaper() async throws {
        try await withMadoguchi { app in
            let form = try #require(app.madoguchi.catalog.paperForms["kokuho-kanyu"])
            let written = ["moved.date": "R081101", "old.postcode": "1000001", "new.postcode": "3294101",
                           "first.familyKana": "ヤマダ", "first.givenKana": "タロウ", "first.birthDate": "S600401", "first.sex": "male"]
            try await PaperIntake.store(Data(try SyntheticScans.pdf(form, values: written)), fileName: "kokuho.pdf", source: "upload",
                                        by: "test", address: nil, on: app)
            _ = try await PaperIntake.run(app)
            try await Self.waitUntilRead(app)
            let page = try #require(try await PaperPage.query(on: app.db).first())
            #expect(page.formID == "kokuho-kanyu")
            let results = PaperZoneResult.decode(page.readings)
            var fields: [(String, String)] = [("action", "accept")]
            for result in results where result.status == "accepted" { fields.append(("z-" + result.zone, result.value)) }
            fields += [("z-old.prefecture", "東京都"), ("z-old.city", "千代田区"), ("z-old.town", "千代田"), ("z-old.banchi", "1-1"),
                       ("z-new.town", "本町二丁目"), ("z-new.banchi", "3-12"), ("z-first.family", "山田"), ("z-first.given", "太郎")]
            let path = "/paper/pages/\(try page.requireID().uuidString)"
            for name in ["h-one", "h-two"] {
                try await app.staff(name, .section, section: "HOKEN_NENKIN")
                var browser = StaffBrowser(app)
                _ = try await browser.signIn(name, "correct horse battery")
                let screen = try await browser.get(path)
                let keyed = fields.filter { $0.0 != "z-first.birthDate" } + [("z-first.birthDate", "S60.4.1"), ("_csrf", try StaffBrowser.csrf(in: screen))]
                let answer = try await browser.post(path, keyed)
                #expect(answer.headers.first(name: .location) == (name == "h-one" ? "/paper?keyed=1" : "/paper?made=1"), "\(answer.body.string.prefix(1500))")
            }
            let record = try #require(try await CaseRecord.query(on: app.db).first())
            #expect(record.eventKind == "move-in" && record.state == .handedOff)
            #expect(record.oldAddress?.prefecture == "東京都" && record.oldAddress?.city == "千代田区" && record.newAddress?.city == "サンプル市")
            let members = try await record.$members.query(on: app.db).all()
            #expect(members.count == 1 && members[0].relation == "head" && members[0].birthDate == "1985-04-01")
            let procedures = try await record.$procedures.query(on: app.db).all()
            #expect(procedures.map(\.code) == ["kokuho.kanyu"] && procedures.map(\.section) == ["HOKEN_NENKIN"])
        }
    }

    /// A dog's address changed on paper: the household's part makes the Case (only 犬の登録事項変更届, at 環境課), what
    /// the household does not hold — registration number (keyed twice), name, breed — is kept with it and shown there.
    @Test(.enabled(if: canRead, "needs poppler-utils, IPAex fonts, libzbar0 and the PP-OCRv5 engine"))
    func aDogsNewAddressReachesTheEnvironmentSectionWithItsDetails() async throws {
        try await withMadoguchi { app in
            let form = try #require(app.madoguchi.catalog.paperForms["inu-henko"])
            let written = ["moved.date": "R081101", "old.postcode": "3294101", "new.postcode": "3294101", "owner.sex": "female",
                           "owner.familyKana": "サトウ", "owner.givenKana": "ハナコ", "owner.birthDate": "S600401",
                           "dog.count": "1", "dog.number": "20231234", "dog.name": "ポチ", "dog.breed": "柴犬", "dog.colour": "茶"]
            try await PaperIntake.store(Data(try SyntheticScans.pdf(form, values: written)), fileName: "dog.pdf", source: "upload",
                                        by: "test", address: nil, on: app)
            _ = try await PaperIntake.run(app)
            try await Self.waitUntilRead(app)
            let page = try #require(try await PaperPage.query(on: app.db).first())
            let results = PaperZoneResult.decode(page.readings)
            #expect(results.first { $0.zone == "dog.number" }?.value == "20231234" && results.first { $0.zone == "dog.name" }?.value == "ポチ")
            var fields: [(String, String)] = [("action", "accept")]
            for result in results where result.status == "accepted" && result.zone != "dog.number" { fields.append(("z-" + result.zone, result.value)) }
            fields += [("z-old.town", "本町一丁目"), ("z-old.banchi", "2-5"), ("z-new.town", "本町二丁目"), ("z-new.banchi", "3-12"),
                       ("z-owner.family", "佐藤"), ("z-owner.given", "花子"), ("z-dog.breed", "柴犬"), ("z-dog.colour", "茶"),
                       ("z-dog.number", "20231234")]
            let path = "/paper/pages/\(try page.requireID().uuidString)"
            for name in ["k-one", "k-two"] {
                try await app.staff(name, .section, section: "KANKYO")
                var browser = StaffBrowser(app)
                _ = try await browser.signIn(name, "correct horse battery")
                let screen = try await browser.get(path)
                let answer = try await browser.post(path, fields + [("_csrf", try StaffBrowser.csrf(in: screen))])
                #expect(answer.headers.first(name: .location) == (name == "k-one" ? "/paper?keyed=1" : "/paper?made=1"), "\(answer.body.string.prefix(1500))")
            }
            let record = try #require(try await CaseRecord.query(on: app.db).first())
            #expect(record.dogs == 1 && record.state == .handedOff)
            #expect(try await record.$procedures.query(on: app.db).all().map(\.code) == ["inu.henko"])
            var section = StaffBrowser(app)
            _ = try await section.signIn("k-one", "correct horse battery")
            let work = try await section.get("/sections/KANKYO").body.string
            #expect(work.contains("<dt>登録番号</dt><dd>20231234</dd>") && work.contains("<dt>種類</dt><dd>柴犬</dd>"))
            #expect(work.contains("<dt>犬の名前（カタカナ）</dt><dd>ポチ</dd>"))
        }
    }

    @Test(.enabled(if: canDecodePNG, "needs Leptonica (liblept5) to decode PNG"))
    func aPageWithoutMarksIsKeptForAPersonAndCanBeSetAside() async throws {
        try await withMadoguchi { app in
            var counter = StaffBrowser(app)
            try await app.staff("clerk", .counter)
            _ = try await counter.signIn("clerk", "correct horse battery")
            let home = try await counter.get("/paper")
            // A photo of something else: no corner marks.
            var blank = GrayImage(width: 1240, height: 1754)
            for y in 600..<700 { for x in 200..<1000 { blank.pixels[y * 1240 + x] = 0 } }
            let stored = try await counter.postMultipart("/paper/scans", [("_csrf", try StaffBrowser.csrf(in: home))],
                                                         file: ("photo.png", "image/png", blank.png()))
            #expect(stored.headers.first(name: .location) == "/paper?stored=1")
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == AuditAction.paperScanStored.rawValue).count() == 1)
            _ = try await PaperIntake.run(app)
            try await Self.waitUntilRead(app)
            let page = try #require(try await PaperPage.query(on: app.db).first())
            #expect(page.state == .manual && page.reason?.isEmpty == false)
            let id = try page.requireID().uuidString
            let screen = try await counter.get("/paper/pages/\(id)")
            #expect(screen.body.string.contains(#"id="manual-reason""#) && screen.body.string.contains("/paper/pages/\(id)/image"))
            let image = try await counter.get("/paper/pages/\(id)/image")
            #expect(Array(image.body.readableBytesView.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
            let csrf = try StaffBrowser.csrf(in: screen)
            // Told its form, it is keyed by hand beside the page.
            let assigned = try await counter.post("/paper/pages/\(id)", [("_csrf", csrf), ("action", "assign"), ("form", "jidoteate-nintei")])
            #expect(assigned.headers.first(name: .location) == "/paper/pages/\(id)")
            let keyed = try await counter.get("/paper/pages/\(id)")
            #expect(keyed.body.string.contains(#"id="z-claimant.familyKana""#) && keyed.body.string.contains(#"class="paper-page""#))
            // Set aside needs a reason.
            #expect(try await counter.post("/paper/pages/\(id)", [("_csrf", csrf), ("action", "reject"), ("reason", " ")]).status == .badRequest)
            _ = try await counter.post("/paper/pages/\(id)", [("_csrf", csrf), ("action", "reject"), ("reason", "他市の用紙")])
            let rejected = try #require(try await PaperPage.find(page.id, on: app.db))
            #expect(rejected.state == .rejected && rejected.reason == "他市の用紙")
            // Past the retention period the scan and its pages are gone.
            #expect(try await PaperRetention.run(app, now: Date().addingTimeInterval(31 * 86_400)) == 1)
            let pagesLeft = try await PaperPage.query(on: app.db).count(), scansLeft = try await PaperScan.query(on: app.db).count()
            #expect(pagesLeft == 0 && scansLeft == 0)
        }
    }

    @Test func theScannersFolderIsEmptiedIntoTheDoor() async throws {
        try await withMadoguchi { app in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("madoguchi-inbox-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try Data("%PDF-1.4\n%%EOF\n".utf8).write(to: folder.appendingPathComponent("0001.pdf"))
            try Data("not a scan".utf8).write(to: folder.appendingPathComponent("notes.txt"))
            // Still being written by the scanner: left for the next round.
            #expect(try await PaperInbox.collect(folder.path, app: app, now: Date()) == 0)
            #expect(try await PaperInbox.collect(folder.path, app: app, now: Date().addingTimeInterval(10)) == 1)
            let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            #expect(left == ["refused"])
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("refused").path).sorted() == ["notes.txt", "notes.txt.txt"])
            let scan = try #require(try await PaperScan.query(on: app.db).first())
            #expect(scan.source == "inbox" && scan.fileName == "0001.pdf")
        }
    }

    @Test func onlyStaffReachThePaperDoor() async throws {
        try await withMadoguchi { app in
            let anonymous = try await app.testing().sendRequest(.GET, "/paper")
            #expect(anonymous.status == .seeOther || anonymous.status == .found)
            let post = try await app.testing().sendRequest(.POST, "/paper/scans")
            #expect(post.status == .unauthorized)
        }
    }

    /// The reader of the test or the background worker, whichever took the scan, has finished.
    static func waitUntilRead(_ app: Application) async throws {
        for _ in 0..<600 {
            if try await PaperScan.query(on: app.db).filter(\.$state == .waiting).count() == 0 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the scan was not read within a minute")
    }
}

/// The kanji of a name comes from the register when the reading and birth date the machine read fit one resident.
@Suite struct PaperResidentMatchTests {
    @Test func aReadingAndABirthDateFindTheRegisteredNameByteExact() async throws {
        try await withMadoguchi { app in
            let form = try #require(app.madoguchi.catalog.paperForms["jidoteate-nintei"])
            // 髙橋 健司, タカハシ　ケンジ, born 1982-05-14, in the sample register.
            let read = ["claimant.familyKana": "タカハシ", "claimant.givenKana": "ケンジ", "claimant.birthDate": "S57.5.14",
                        "child.familyKana": "タカハシ", "child.givenKana": "ヨウタ", "child.birthDate": "R8.11.20"]
            let matches = try await PaperResidentMatch.find(form: form, values: read, in: app.residents)
            #expect(matches.count == 1, "the newborn is in no register yet")
            #expect(matches.first?.fills == ["z-claimant.family": "髙橋", "z-claimant.given": "健司"])
            #expect(matches.first?.label.hasPrefix("髙橋\u{3000}健司（本町二丁目") == true)
            // Another birth date, or another reading: nobody.
            var other = read
            other["claimant.birthDate"] = "S57.5.15"
            #expect(try await PaperResidentMatch.find(form: form, values: other, in: app.residents).isEmpty)
            other = read
            other["claimant.givenKana"] = "ケンシ"
            #expect(try await PaperResidentMatch.find(form: form, values: other, in: app.residents).isEmpty)
        }
    }
}
