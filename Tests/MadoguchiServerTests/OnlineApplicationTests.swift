import Fluent
import SQLKit
import Foundation
@testable import MadoguchiServer
import MadoguchiCore
import Testing
import Vapor
import VaporTesting

/// A citizen's browser: keeps cookies, reads the CSRF field of citizen pages.
struct Citizen {
    var browser: StaffBrowser

    init(_ app: Application) { browser = StaffBrowser(app) }

    /// From the guide's result to a draft; returns the draft's path (`/apply/{token}`).
    mutating func startFamilyOfFour() async throws -> String {
        let response = try await browser.post("/apply", [
            ("event", "move-in"), ("people", "4"), ("eventDate", "2026-04-01"), ("dogs", "1"),
            ("m0-relation", "head"), ("m0-sex", "female"), ("m0-birthDate", "1986-07-14"), ("m0-moving", "on"), ("m0-insurance", "national"),
            ("m1-relation", "spouse"), ("m1-sex", "male"), ("m1-birthDate", "1984-05-10"), ("m1-moving", "on"), ("m1-insurance", "national"),
            ("m2-relation", "child"), ("m2-sex", "male"), ("m2-birthDate", "2015-06-20"), ("m2-moving", "on"), ("m2-insurance", "national"),
            ("m3-relation", "child"), ("m3-sex", "female"), ("m3-birthDate", "2018-11-03"), ("m3-moving", "on"), ("m3-insurance", "national"),
        ])
        #expect(response.status == .seeOther)
        return try #require(response.headers.first(name: .location))
    }

    /// Fills names, kana and addresses, and goes to the check page.
    mutating func fillIn(_ path: String, email: String? = nil) async throws -> TestingHTTPResponse {
        let page = try await browser.get(path)
        var fields = familyOfFourFields.filter { key, _ in ApplyController.isEditable(key) }
        if let email { fields.append(("contactEmail", email)) }
        fields += [("_csrf", try StaffBrowser.csrf(in: page)), ("action", "check"), ("website", "")]
        return try await browser.post(path, fields)
    }

    mutating func submit(_ path: String) async throws -> TestingHTTPResponse {
        let check = try await browser.get(path + "/check")
        return try await browser.post(path + "/submit", [("_csrf", try StaffBrowser.csrf(in: check))])
    }
}

@Suite struct OnlineApplicationTests {
    /// Mail settings that point nowhere: mails queue in the outbox, nothing is sent.
    static let unreachableMail = MailSettings(host: "127.0.0.1", port: 1, sender: "madoguchi@city.example.jp", startTLS: false)

    @Test func aFamilyPreparesAMoveInOnlineAndTheCounterOpensItFilled() async throws {
        try await withMadoguchi(mail: Self.unreachableMail) { app in
            var citizen = Citizen(app)
            let path = try await citizen.startFamilyOfFour()
            #expect(try await citizen.fillIn(path, email: "hanako@example.jp").headers.first(name: .location) == path + "/check")
            let submitted = try await citizen.submit(path)
            #expect(submitted.headers.first(name: .location) == path + "/done")
            let done = try await citizen.browser.get(path + "/done").body.string
            let record = try #require(try await CaseRecord.query(on: app.db).filter(\.$channel == "online").first())
            #expect(record.submittedAt != nil)
            #expect(record.applicantBirthDate == "1986-07-14")
            #expect(done.contains(record.reference))
            #expect(done.contains("<svg"), "the QR code is on the page")
            // The mail waits in the outbox.
            let mail = try #require(try await OutgoingMail.query(on: app.db).first())
            #expect(mail.recipient == "hanako@example.jp")
            #expect(mail.body.contains(record.reference))
            // At the counter the reference opens the same Case, filled.
            var clerk = try await Clerk.signedIn(app)
            let opened = try await clerk.browser.get("/counter/open?ref=" + record.reference)
            let location = try #require(opened.headers.first(name: .location))
            let screen = try await clerk.browser.get(location).body.string
            #expect(screen.contains(#"value="花子""#))
            #expect(screen.contains(#"data-code="gakko.tennyugaku""#))
            // Online procedures are already on their sections' lists; counter ones wait.
            let statuses = Dictionary(uniqueKeysWithValues: try await record.$procedures.query(on: app.db).all().map { ($0.code, $0.status) })
            #expect(statuses["jidoteate.nintei"] == .open, "child allowance may be done online")
            #expect(statuses["juki.tennyu"] == .waiting)
        }
    }

    @Test func theStatusPageNeedsTheBirthDateAndNeverTellsWhetherAReferenceExists() async throws {
        try await withMadoguchi { app in
            var citizen = Citizen(app)
            let path = try await citizen.startFamilyOfFour()
            _ = try await citizen.fillIn(path)
            _ = try await citizen.submit(path)
            let record = try #require(try await CaseRecord.query(on: app.db).filter(\.$channel == "online").first())
            var visitor = Citizen(app)
            let page = try await visitor.browser.get("/status")
            let csrf = try StaffBrowser.csrf(in: page)
            let wrongDate = try await visitor.browser.post("/status", [("reference", record.reference), ("birthDate", "1990-01-01"), ("_csrf", csrf)])
            let unknown = try await visitor.browser.post("/status", [("reference", "ZZZZ-ZZZZ"), ("birthDate", "1986-07-14"), ("_csrf", csrf)])
            #expect(wrongDate.status == unknown.status)
            #expect(Self.errorText(wrongDate) == Self.errorText(unknown))
            let right = try await visitor.browser.post("/status", [("reference", record.reference.lowercased()), ("birthDate", "昭和61年7月14日"), ("_csrf", csrf)])
            #expect(right.status == .ok)
            #expect(right.body.string.contains(#"data-code="juki.tennyu" data-status="waiting""#))
        }
    }

    @Test func fiveWrongBirthDatesLockTheReference() async throws {
        try await withMadoguchi { app in
            var citizen = Citizen(app)
            let path = try await citizen.startFamilyOfFour()
            _ = try await citizen.fillIn(path)
            _ = try await citizen.submit(path)
            let record = try #require(try await CaseRecord.query(on: app.db).filter(\.$channel == "online").first())
            var visitor = Citizen(app)
            let csrf = try StaffBrowser.csrf(in: try await visitor.browser.get("/status"))
            for day in 1...5 {
                _ = try await visitor.browser.post("/status", [("reference", record.reference), ("birthDate", "1990-01-0\(day)"), ("_csrf", csrf)])
            }
            let locked = try await visitor.browser.post("/status", [("reference", record.reference), ("birthDate", "1986-07-14"), ("_csrf", csrf)])
            #expect(locked.status == .badRequest, "even the right date is refused while locked")
        }
    }

    @Test func aWithdrawnApplicationLeavesTheWorkLists() async throws {
        try await withMadoguchi { app in
            var citizen = Citizen(app)
            let path = try await citizen.startFamilyOfFour()
            _ = try await citizen.fillIn(path)
            _ = try await citizen.submit(path)
            let record = try #require(try await CaseRecord.query(on: app.db).filter(\.$channel == "online").first())
            let csrf = try StaffBrowser.csrf(in: try await citizen.browser.get("/status"))
            let oneTap = try await citizen.browser.post("/status/withdraw", [("reference", record.reference), ("birthDate", "1986-07-14"), ("_csrf", csrf)])
            #expect(oneTap.status == .badRequest, "the first tap only opens the confirming step")
            #expect(try await CaseRecord.find(record.id, on: app.db)?.state != .cancelled)
            let result = try await citizen.browser.post("/status", [("reference", record.reference), ("birthDate", "1986-07-14"), ("_csrf", csrf)])
            #expect(result.body.string.contains(#"<details class="confirm-step" id="withdraw-step">"#))
            let withdrawn = try await citizen.browser.post("/status/withdraw", [("reference", record.reference), ("birthDate", "1986-07-14"),
                                                                                 ("confirm", "yes"), ("_csrf", csrf)])
            #expect(withdrawn.status == .ok)
            #expect(try await CaseRecord.find(record.id, on: app.db)?.state == .cancelled)
            let kodomo = try await SectionTests.signIn(app, "KODOMO")
            var browser = kodomo
            #expect(!(try await browser.get("/sections/KODOMO").body.string.contains(record.reference)))
        }
    }

    @Test func attachmentsAreCheckedByTheirBytes() async throws {
        try await withMadoguchi { app in
            var citizen = Citizen(app)
            let path = try await citizen.startFamilyOfFour()
            let page = try await citizen.browser.get(path)
            let csrf = try StaffBrowser.csrf(in: page)
            func upload(_ name: String, _ bytes: [UInt8], type: String) async throws -> TestingHTTPResponse {
                let boundary = "----madoguchi\(UUID().uuidString)"
                var body = Data()
                for (field, value) in [("_csrf", csrf), ("website", "")] {
                    body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"\r\n\r\n\(value)\r\n".utf8))
                }
                body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: \(type)\r\n\r\n".utf8))
                body.append(Data(bytes))
                body.append(Data("\r\n--\(boundary)--\r\n".utf8))
                var headers = HTTPHeaders()
                headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
                headers.add(name: .cookie, value: citizen.browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
                return try await app.testing().sendRequest(.POST, path + "/attachments", headers: headers, body: ByteBuffer(data: body))
            }
            let png = try await upload("zaigaku.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3], type: "image/png")
            #expect(png.status == .seeOther)
            let disguised = try await upload("photo.jpg", Array("<script>alert(1)</script>".utf8), type: "image/jpeg")
            #expect(disguised.status == .unsupportedMediaType)
            let attachments = try await CaseAttachment.query(on: app.db).all()
            #expect(attachments.map(\.kind) == ["png"])
        }
    }

    @Test func aRobotFillingTheHoneypotOrAForgedPostIsRefused() async throws {
        try await withMadoguchi { app in
            var citizen = Citizen(app)
            let path = try await citizen.startFamilyOfFour()
            let page = try await citizen.browser.get(path)
            let robot = try await citizen.browser.post(path, [("_csrf", try StaffBrowser.csrf(in: page)), ("website", "http://spam.example")])
            #expect(robot.status == .badRequest)
            let forged = try await citizen.browser.post(path, [("_csrf", "forged"), ("website", ""), ("m0-given", "偽")])
            #expect(forged.status == .badRequest, "nothing is saved; the page comes back as an expired one would")
            #expect(try await CaseMemberRecord.query(on: app.db).filter(\.$givenName == "偽").count() == 0)
        }
    }

    static func errorText(_ response: TestingHTTPResponse) -> String? {
        let html = response.body.string
        guard let start = html.range(of: #"<p id="status-error">"#), let end = html[start.upperBound...].range(of: "</p>") else { return nil }
        return String(html[start.upperBound..<end.lowerBound])
    }
}

@Suite struct DraftLifetimeTests {
    @Test func expiredDraftsAreDeletedAndSubmittedApplicationsKept() async throws {
        try await withMadoguchi { app in
            var citizen = Citizen(app)
            let draftPath = try await citizen.startFamilyOfFour()
            let submittedPath = try await citizen.startFamilyOfFour()
            _ = try await citizen.fillIn(submittedPath)
            _ = try await citizen.submit(submittedPath)
            #expect(try await DraftCleanup.run(app) == 0, "nothing is expired yet")
            // Fifteen days later.
            let later = Date().addingTimeInterval(15 * 24 * 3600)
            #expect(try await DraftCleanup.run(app, now: later) == 1)
            let left = try await CaseRecord.query(on: app.db).all()
            #expect(left.count == 1)
            #expect(left.first?.submittedAt != nil)
            #expect(try await CaseMemberRecord.query(on: app.db).count() == 4, "the draft's members went with it")
            #expect(try await citizen.browser.get(draftPath).status == .notFound)
        }
    }

    @Test func theLifetimeIsConfigurable() async throws {
        #expect(try Settings.fromEnvironment(environment: ["MADOGUCHI_DRAFT_DAYS": "3"]).draftDays == 3)
        #expect(try Settings.fromEnvironment(environment: [:]).draftDays == 14)
        #expect(try Settings.fromEnvironment(environment: ["MADOGUCHI_DRAFT_DAYS": "0"]).draftDays == 1, "a draft lives at least a day")
        try await withMadoguchi(settings: { $0.draftDays = 3 }) { app in
            var citizen = Citizen(app)
            let path = try await citizen.startFamilyOfFour()
            #expect(try await citizen.browser.get(path).body.string.contains("3日間保存されます"))
            let expiry = try #require(try await CaseRecord.query(on: app.db).first()?.draftExpiresAt)
            #expect(abs(expiry.timeIntervalSinceNow - 3 * 24 * 3600) < 120)
            #expect(try await DraftCleanup.run(app, now: Date().addingTimeInterval(2 * 24 * 3600)) == 0)
            #expect(try await DraftCleanup.run(app, now: Date().addingTimeInterval(4 * 24 * 3600)) == 1)
        }
    }

    @Test func submissionsAreCommittedWithSQLitesFullSync() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("madoguchi-sync-\(UUID().uuidString)")
        try await withMadoguchi(database: .sqliteFile(folder.appendingPathComponent("madoguchi.sqlite").path), dataDirectory: folder.path) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            let mode = try #require(try await sql.raw("PRAGMA journal_mode").first())
            #expect(try mode.decode(column: "journal_mode", as: String.self) == "wal")
            let sync = try #require(try await sql.raw("PRAGMA synchronous").first())
            #expect(try sync.decode(column: "synchronous", as: Int.self) == 2, "FULL: every commit reaches the disk")
            // The write queue commits on a connection of its own: the same file, the same durability.
            let writer = try #require(app.databases.database(.sqliteWriter, logger: app.logger, on: app.eventLoopGroup.next()) as? any SQLDatabase)
            let writerSync = try #require(try await writer.raw("PRAGMA synchronous").first())
            #expect(try writerSync.decode(column: "synchronous", as: Int.self) == 2)
            let writerMode = try #require(try await writer.raw("PRAGMA journal_mode").first())
            #expect(try writerMode.decode(column: "journal_mode", as: String.self) == "wal")
        }
    }
}


@Suite struct MailTests {
    @Test func withoutMailSettingsNoMailIsQueuedAndThePageSaysSo() async throws {
        try await withMadoguchi { app in
            var citizen = Citizen(app)
            let path = try await citizen.startFamilyOfFour()
            #expect(try await citizen.browser.get(path).body.string.contains(#"id="mail-off""#))
            _ = try await citizen.fillIn(path, email: "hanako@example.jp")
            _ = try await citizen.submit(path)
            #expect(try await OutgoingMail.query(on: app.db).count() == 0)
        }
    }

    @Test func aMailThatCannotBeSentStaysQueuedWithTheReason() async throws {
        try await withMadoguchi(mail: OnlineApplicationTests.unreachableMail) { app in
            var citizen = Citizen(app)
            let path = try await citizen.startFamilyOfFour()
            _ = try await citizen.fillIn(path, email: "hanako@example.jp")
            _ = try await citizen.submit(path)
            #expect(try await MailOutboxSender.sendPending(app, settings: OnlineApplicationTests.unreachableMail) == 0)
            let mail = try #require(try await OutgoingMail.query(on: app.db).first())
            #expect(mail.sentAt == nil)
            #expect(mail.attempts == 1)
            #expect(mail.lastError != nil)
        }
    }

    /// Against a real SMTP server that offers STARTTLS with a self-signed certificate (aiosmtpd with
    /// `--tlscert`, started by .ci/run): the mail goes out encrypted when that certificate is trusted
    /// through `MADOGUCHI_SMTP_CA_FILE`, and is refused — kept in the outbox — when it is not.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["MADOGUCHI_TEST_SMTP_TLS_PORT"] != nil, "needs MADOGUCHI_TEST_SMTP_TLS_PORT and MADOGUCHI_TEST_SMTP_CA"))
    func startTLSTrustsOnlyTheConfiguredAuthority() async throws {
        let environment = ProcessInfo.processInfo.environment
        let port = try #require(environment["MADOGUCHI_TEST_SMTP_TLS_PORT"].flatMap(Int.init))
        let authority = try #require(environment["MADOGUCHI_TEST_SMTP_CA"])
        let untrusted = MailSettings(host: "localhost", port: port, sender: "madoguchi@city.example.jp", startTLS: true)
        var trusted = untrusted
        trusted.trustedCertificatesFile = authority
        try await withMadoguchi(mail: trusted) { app in
            var citizen = Citizen(app)
            let path = try await citizen.startFamilyOfFour()
            _ = try await citizen.fillIn(path, email: "tls-\(UUID().uuidString.prefix(8).lowercased())@example.jp")
            _ = try await citizen.submit(path)
            #expect(try await MailOutboxSender.sendPending(app, settings: untrusted) == 0, "a certificate nobody vouches for is refused")
            let refused = try #require(try await OutgoingMail.query(on: app.db).first())
            #expect(refused.sentAt == nil)
            #expect(refused.lastError?.lowercased().contains("certificate") == true || refused.lastError?.lowercased().contains("ssl") == true,
                    "the reason names the TLS failure: \(refused.lastError ?? "")")
            #expect(try await MailOutboxSender.sendPending(app, settings: trusted) == 1)
            #expect(try await OutgoingMail.query(on: app.db).first()?.sentAt != nil)
        }
    }

    /// Against a real SMTP server (aiosmtpd, started by .ci/run) writing to a Maildir.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["MADOGUCHI_TEST_SMTP_PORT"] != nil, "needs MADOGUCHI_TEST_SMTP_PORT and MADOGUCHI_TEST_MAILDIR"))
    func theReceiptArrivesAtARealSMTPServer() async throws {
        let environment = ProcessInfo.processInfo.environment
        let port = try #require(environment["MADOGUCHI_TEST_SMTP_PORT"].flatMap(Int.init))
        let maildir = try #require(environment["MADOGUCHI_TEST_MAILDIR"])
        let settings = MailSettings(host: "127.0.0.1", port: port, sender: "madoguchi@city.example.jp", startTLS: false)
        let recipient = "applicant-\(UUID().uuidString.prefix(8).lowercased())@example.jp"
        try await withMadoguchi(mail: settings) { app in
            var citizen = Citizen(app)
            let path = try await citizen.startFamilyOfFour()
            _ = try await citizen.fillIn(path, email: recipient)
            _ = try await citizen.submit(path)
            let reference = try #require(try await CaseRecord.query(on: app.db).filter(\.$channel == "online").first()).reference
            #expect(try await MailOutboxSender.sendPending(app, settings: settings) == 1)
            #expect(try await OutgoingMail.query(on: app.db).first()?.sentAt != nil)
            let files = try FileManager.default.contentsOfDirectory(atPath: maildir + "/new")
            let messages = try files.map { try String(contentsOfFile: maildir + "/new/" + $0, encoding: .utf8) }
            let message = try #require(messages.first { $0.contains("To: \(recipient)") })
            let body = try #require(message.components(separatedBy: "\n\n").dropFirst().first ?? message.components(separatedBy: "\r\n\r\n").dropFirst().first)
            let text = String(decoding: Data(base64Encoded: body.filter { !$0.isWhitespace }) ?? Data(), as: UTF8.self)
            #expect(text.contains("受付番号：\(reference)"))
            #expect(message.contains("Subject: =?UTF-8?B?"))
        }
    }
}

@Suite struct CitizenLimitTests {
    /// Over a real connection from 127.0.0.1: the third application started within the hour is refused.
    @Test func applicationsFromOneAddressAreLimited() async throws {
        try await withMadoguchi(settings: { $0.citizenBudgets.submissionsPerHour = 2 }) { app in
            let tester = try app.testing(method: .running(hostname: "127.0.0.1", port: 0))
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            let body = "event=move-in&people=1&eventDate=2026-04-01&m0-relation=head&m0-sex=female&m0-birthDate=1986-07-14&m0-moving=on"
            var statuses: [HTTPStatus] = []
            var last = ""
            for _ in 0..<3 {
                let response = try await tester.performTest(request: TestingHTTPRequest(
                    method: .POST, url: URI(path: "/apply"), headers: headers, body: ByteBuffer(string: body)))
                statuses.append(response.status)
                last = response.body.string
            }
            #expect(statuses == [.ok, .ok, .tooManyRequests], "the live client follows the first two to their drafts")
            #expect(last.contains("しばらくしてから"))
            #expect(try await CaseRecord.query(on: app.db).count() == 2, "the refused one left nothing behind")
        }
    }

    @Test func statusLookUpsAreLimitedEvenWithTheRightBirthDate() async throws {
        try await withMadoguchi(settings: { $0.citizenBudgets.lookupsPerHour = 3 }) { app in
            var citizen = Citizen(app)
            let path = try await citizen.startFamilyOfFour()
            _ = try await citizen.fillIn(path)
            _ = try await citizen.submit(path)
            let reference = try #require(try await CaseRecord.query(on: app.db).first()).reference
            let csrf = try StaffBrowser.csrf(in: try await citizen.browser.get("/status"))
            var statuses: [HTTPStatus] = []
            for _ in 0..<4 {
                statuses.append(try await citizen.browser.post("/status", [("reference", reference), ("birthDate", "1986-07-14"), ("_csrf", csrf)]).status)
            }
            #expect(statuses == [.ok, .ok, .ok, .tooManyRequests])
        }
    }
}
