import Fluent
import Foundation
@testable import MadoguchiServer
import MadoguchiCore
import Testing
import Vapor
import VaporTesting

/// `pdftotext -layout` of a PDF, or nil when poppler is not installed.
func pdfText(_ bytes: [UInt8]) throws -> String? {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") else { return nil }
    return try runOnPDF("/usr/bin/pdftotext", bytes, arguments: ["-layout"], trailing: ["-"])
}

/// The standard output of a command-line tool (poppler's) run on a PDF written to a temporary file.
func runOnPDF(_ tool: String, _ pdf: [UInt8], arguments: [String] = [], trailing: [String] = []) throws -> String {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("madoguchi-\(UUID().uuidString).pdf")
    try Data(pdf).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments + [file.path] + trailing
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

@Suite struct DocumentTests {
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext"), "needs poppler-utils (pdftotext)"))
    func theFamilysFormsComeOutFilledInOnePDF() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-in")
            var fields = familyOfFourFields
            fields.append(("m0-myNumber", "123456789018"))
            _ = try await clerk.save(id, people: 4, fields)
            // MUT
            let response = try await clerk.browser.get("/counter/cases/\(id)/forms.pdf")
            // validate
            #expect(response.status == .ok)
            #expect(response.headers.contentType == HTTPMediaType(type: "application", subType: "pdf"))
            let bytes = Array(response.body.readableBytesView)
            #expect(bytes.starts(with: Array("%PDF-".utf8)))
            // pdftotext lays a full-width space out as several spaces: compare with single spaces.
            let text = try #require(try pdfText(bytes)).replacingOccurrences(of: "[ \u{3000}]+", with: " ", options: .regularExpression)
            for title in ["住民異動届", "国民健康保険", "児童手当", "転入学", "犬の登録事項変更届"] {
                #expect(text.contains(title), "\(title)")
            }
            for name in ["山田 花子", "山田 太郎", "山田 一郎", "山田 桜", "ヤマダ ハナコ"] {
                #expect(text.contains(name), "\(name)")
            }
            #expect(text.contains("栃木県サンプル市中央一丁目5番地3"))
            // 続柄 as the 住民票 prints it: the head 花子's husband is 夫, never 「妻・夫」.
            let jukiPage = try #require(text.components(separatedBy: "\u{0C}").first { $0.contains("住民異動届") })
            #expect(jukiPage.contains("世帯主") && jukiPage.contains("夫"), "\(jukiPage)")
            #expect(!text.contains("妻・夫"))
            #expect(text.contains("令和8年4月1日"))
            // The 個人番号 only on 個人番号利用事務 forms: 国保 and 児童手当 are, 住民異動届 is not.
            let pages = text.components(separatedBy: "\u{0C}")
            let juki = try #require(pages.first { $0.contains("住民異動届") })
            #expect(!juki.contains("123456789018"))
            let kokuho = try #require(pages.first { $0.contains("国民健康保険") })
            #expect(kokuho.contains("123456789018"))
            // Two school children: the per-member 転入学 form prints once each.
            #expect(pages.filter { $0.contains("転入学（就学）申請書") }.count == 2)
            // A school transfer goes to the board of education, not the mayor.
            #expect(pages.filter { $0.contains("転入学（就学）申請書") }.allSatisfy { $0.contains("サンプル市教育委員会") && !$0.contains("サンプル市長") })
            #expect(pages.filter { $0.contains("住民異動届") }.allSatisfy { $0.contains("サンプル市長") })
            let record = try #require(try await CaseRecord.find(UUID(uuidString: id), on: app.db))
            #expect(record.firstPrintedAt != nil)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "document.printed").count() == 1)
        }
    }

    @Test func aCaseWithoutProceduresHasNothingToPrint() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-in")
            #expect(try await clerk.browser.get("/counter/cases/\(id)/forms.pdf").status == .conflict)
        }
    }
}

@Suite struct FiguresTests {
    @Test func staffInputsAndTimeToPrintAreCountedPerCase() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-in")
            _ = try await clerk.save(id, people: 4, familyOfFourFields + [("staffInputs", "57")])
            let page = try await clerk.browser.get("/counter/cases/\(id)")
            _ = try await clerk.browser.post("/counter/cases/\(id)/transition",
                                             [("event", "confirm"), ("staffInputs", "2"), ("_csrf", try StaffBrowser.csrf(in: page))])
            _ = try await clerk.browser.get("/counter/cases/\(id)/forms.pdf")
            let record = try #require(try await CaseRecord.find(UUID(uuidString: id), on: app.db))
            #expect(record.staffInputs == 60, "57 typed and clicked, 2 for confirming, 1 for printing")
            // The admin sees the figure.
            try await app.staff("kanri", .admin)
            var admin = StaffBrowser(app)
            _ = try await admin.signIn("kanri", "correct horse battery")
            let figures = try await admin.get("/admin/figures").body.string
            #expect(figures.contains(#"<tr data-event="引っ越してきた（転入）"><td>引っ越してきた（転入）</td><td>1</td><td class="inputs-median">60</td>"#))
        }
    }

    @Test func aClaimedInputCountIsBounded() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-in")
            _ = try await clerk.save(id, people: 4, familyOfFourFields + [("staffInputs", "999999999")])
            #expect(try await CaseRecord.find(UUID(uuidString: id), on: app.db)?.staffInputs == 10_000)
        }
    }
}
