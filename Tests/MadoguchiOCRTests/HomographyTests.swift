import Foundation
@testable import MadoguchiOCR
import Testing

@Suite struct HomographyTests {
    @Test func fourPointsAreMappedExactlyAndATurnIsATurn() throws {
        let from = [(x: 0.0, y: 0.0), (x: 10.0, y: 0.0), (x: 0.0, y: 20.0), (x: 10.0, y: 20.0)]
        let angle = 3.0 * .pi / 180
        let to = from.map { (x: 100 + 4 * ($0.x * cos(angle) - $0.y * sin(angle)), y: 50 + 4 * ($0.x * sin(angle) + $0.y * cos(angle))) }
        let h = try #require(Homography(from: from, to: to))
        for (a, b) in zip(from, to) {
            let mapped = h.apply(a.x, a.y)
            #expect(abs(mapped.x - b.x) < 1e-9 && abs(mapped.y - b.y) < 1e-9)
        }
        // A point inside follows the same turn and scale: a similarity is a special homography.
        let inside = h.apply(5, 7)
        #expect(abs(inside.x - (100 + 4 * (5 * cos(angle) - 7 * sin(angle)))) < 1e-9)
        #expect(abs(inside.y - (50 + 4 * (5 * sin(angle) + 7 * cos(angle)))) < 1e-9)
    }

    @Test func threePointsOnALineFixNothing() {
        #expect(Homography(from: [(0, 0), (1, 1), (2, 2), (0, 5)].map { (x: $0.0, y: $0.1) },
                           to: [(0, 0), (1, 0), (0, 1), (1, 1)].map { (x: $0.0, y: $0.1) }) == nil)
    }
}
