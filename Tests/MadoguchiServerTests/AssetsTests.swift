import Foundation
@testable import MadoguchiServer
import Testing
import Vapor
import VaporTesting

/// The stylesheet and the script: files compiled in, served under the hash of their content.
@Suite struct AssetsTests {
    @Test func pagesLinkTheHashedFilesWhichAreCachedForAYear() async throws {
        try await withMadoguchi { app in
            let page = try await app.testing().sendRequest(.GET, "/guide").body.string
            let css = try #require(page.firstMatch(of: /href="(\/assets\/madoguchi\.[0-9a-f]{16}\.css)"/)?.1)
            let js = try #require(page.firstMatch(of: /src="(\/assets\/madoguchi\.[0-9a-f]{16}\.js)"/)?.1)
            for (path, type, sample) in [(String(css), "text/css", ".kiosk-choices"), (String(js), "text/javascript", "EventSource")] {
                let response = try await app.testing().sendRequest(.GET, path)
                #expect(response.status == .ok)
                #expect(response.headers.first(name: .contentType)?.hasPrefix(type) == true)
                #expect(response.headers.first(name: .cacheControl) == "public, max-age=31536000, immutable")
                #expect(response.body.string.contains(sample), "\(path) holds every part (\(sample))")
            }
        }
    }

    @Test func anotherVersionsNameGetsTodaysFileUncachedAndAnythingElseIsNotFound() async throws {
        try await withMadoguchi { app in
            for path in ["/assets/madoguchi.css", "/assets/madoguchi.0123456789abcdef.css", "/assets/madoguchi.js"] {
                let response = try await app.testing().sendRequest(.GET, path)
                #expect(response.status == .ok, "\(path)")
                #expect(response.headers.first(name: .cacheControl) == "no-cache", "\(path)")
            }
            let current = try await app.testing().sendRequest(.GET, "/assets/madoguchi.css").body.string
            #expect(current == String(buffer: Assets.stylesheet.body))
            for path in ["/assets/other.css", "/assets/madoguchi.a.b.css", "/assets/madoguchi.0123.png", "/assets/..%2Fetc%2Fpasswd"] {
                #expect(try await app.testing().sendRequest(.GET, path).status == .notFound, "\(path)")
            }
        }
    }

    @Test func theNameChangesWithTheContent() {
        let type = HTTPMediaType(type: "text", subType: "css")
        let one = Assets.Bundle(stem: "madoguchi", fileExtension: "css", type: type, parts: [Array("a{}".utf8)])
        let same = Assets.Bundle(stem: "madoguchi", fileExtension: "css", type: type, parts: [Array("a{}".utf8)])
        let changed = Assets.Bundle(stem: "madoguchi", fileExtension: "css", type: type, parts: [Array("a{color:red}".utf8)])
        #expect(one.fileName == same.fileName)
        #expect(one.fileName != changed.fileName)
        #expect(one.path.hasPrefix("/assets/madoguchi.") && one.path.hasSuffix(".css"))
    }
}
