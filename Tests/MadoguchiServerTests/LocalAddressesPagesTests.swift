import Foundation
@testable import MadoguchiServer
import MadoguchiCore
import Testing
import Vapor
import VaporTesting

/// What the counter no longer types for a move-in: the city's own address parts (`towns.yaml`), the readings
/// of names (`name-readings.csv`) and a household's shared insurance.
@Suite struct LocalAddressesPagesTests {
    @Test func theTownsAreServedForFormsAndCachedByVersion() async throws {
        try await withMadoguchi { app in
            let response = try await app.testing().sendRequest(.GET, "/api/v1/towns")
            #expect(response.status == .ok)
            let body = try json(response)
            #expect(body["prefecture"] as? String == "栃木県" && body["city"] as? String == "サンプル市")
            let towns = try #require(body["towns"] as? [[String: Any]])
            #expect(towns.count == 20)
            #expect(towns.contains { $0["name"] as? String == "緑町" && $0["postcode"] as? String == "3294105" && $0["addressing"] as? String == "chiban" })
            #expect(response.headers.first(name: .cacheControl) == "public, max-age=3600")
            let tag = try #require(response.headers.first(name: .eTag))
            let again = try await app.testing().sendRequest(.GET, "/api/v1/towns", headers: ["If-None-Match": tag])
            #expect(again.status == .notModified && again.body.readableBytes == 0)
        }
    }

    @Test func aMoveInTypesThePostcodeAndTheNumbersOfItsNewAddress() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-in")
            let blank = try await clerk.browser.get("/counter/cases/\(id)").body.string
            // The new address is in the city: shown filled, with the towns to choose from; the old one is not.
            #expect(blank.contains(#"id="new-prefecture" name="new-prefecture" value="栃木県""#))
            #expect(blank.contains(#"id="new-city" name="new-city" value="サンプル市""#))
            #expect(blank.contains(#"id="old-prefecture" name="old-prefecture" value autocomplete"#))
            #expect(blank.contains(#"list="new-towns""#) && blank.contains(#"<datalist id="new-towns">"#))
            // What the page posts when nobody typed the new address: the city's name alone stores no address.
            var untouched = familyOfFourFields.filter { !$0.0.hasPrefix("new-") }
            untouched += [("new-prefecture", "栃木県"), ("new-city", "サンプル市")]
            #expect(try await clerk.save(id, people: 4, untouched).status == .seeOther)
            var record = try #require(try await CaseRecord.find(UUID(uuidString: id), on: app.db))
            #expect(record.newAddress == nil)
            // The postcode and 12-3: the town, its postcode and its notation (緑町 is a 地番 town) come from towns.yaml.
            let typed = untouched + [("new-postcode", "３２９－４１０５"), ("new-banchi", "12-3"), ("new-katagaki", "")]
            #expect(try await clerk.save(id, people: 4, typed).status == .seeOther)
            record = try #require(try await CaseRecord.find(UUID(uuidString: id), on: app.db))
            #expect(record.newAddress?.oneLine == "栃木県サンプル市緑町12番地3")
            #expect(record.newAddress?.postcode == "3294105")
        }
    }

    @Test func namesReadFromACardAreOfferedTheirReadings() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-in")
            let fields = [("m0-family", "山田"), ("m0-given", "太郎"), ("m1-family", "髙橋"), ("m1-given", "健司"),
                          ("m1-familyKana", "タカハシ"), ("m1-givenKana", "ケンジ"), ("m2-family", "ジョンソン"), ("m2-given", "太郎")]
            _ = try await clerk.save(id, people: 3, fields)
            let page = try await clerk.browser.get("/counter/cases/\(id)").body.string
            #expect(page.contains(#"id="m0-reading-0" data-person="m0" data-family-kana="ヤマダ" data-given-kana="タロウ""#))
            #expect(!page.contains(#"id="m1-reading-0""#), "a person whose reading is typed is offered none")
            #expect(!page.contains(#"id="m2-reading-0""#), "a name the dictionary does not know is offered none")
            // The household's insurance: the first person's answer goes to the others not asked yet.
            #expect(page.contains(#"<select id="m0-insurance" name="m0-insurance" data-family="none">"#))
            #expect(page.contains(#"data-others="dependent""#))
        }
    }
}
