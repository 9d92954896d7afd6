import Testing
@testable import MadoguchiQR

@Suite("Symbol layout against an independent encoder")
struct MatrixTests {
    @Test("the example URL at level M matches segno module for module, for every mask", arguments: 0..<8)
    func urlEveryMask(mask: Int) throws {
        let code = try QRCode(bytes: Array(GoldenSymbols.url.utf8), level: .medium, forcedMask: mask)
        #expect(code.version == 3)
        #expect(code.mask == mask)
        Self.expectModules(code, GoldenSymbols.modules(hex: GoldenSymbols.urlMasks[mask], size: code.size))
    }

    @Test("version 7 (version information, 4 blocks) matches segno")
    func version7() throws {
        let code = try QRCode(bytes: GoldenSymbols.version7Payload, level: .medium, forcedMask: 5)
        #expect(code.version == 7)
        Self.expectModules(code, GoldenSymbols.modules(hex: GoldenSymbols.version7Mask5, size: code.size))
    }

    @Test("version 10 at level Q (16-bit count, two block groups) matches segno")
    func version10() throws {
        let code = try QRCode(bytes: GoldenSymbols.version10Payload, level: .quartile, forcedMask: 2)
        #expect(code.version == 10)
        Self.expectModules(code, GoldenSymbols.modules(hex: GoldenSymbols.version10Mask2, size: code.size))
    }

    @Test("finder, separator, timing and alignment patterns are in place", arguments: [1, 2, 7, 10])
    func functionPatterns(version: Int) throws {
        let code = try QRCode(bytes: [0x41], level: .medium, forcedMask: nil, minimumVersion: version)
        #expect(code.version == version)
        let n = code.size
        for (cx, cy) in [(3, 3), (n - 4, 3), (3, n - 4)] {
            for dy in -4...4 {
                for dx in -4...4 {
                    let ring = max(abs(dx), abs(dy))
                    let x = cx + dx, y = cy + dy
                    guard x >= 0, y >= 0, x < n, y < n else { continue }
                    #expect(code[x, y] == (ring != 2 && ring != 4), "finder at (\(x), \(y))")
                }
            }
        }
        for i in 8..<(n - 8) {
            #expect(code[i, 6] == (i % 2 == 0), "horizontal timing \(i)")
            #expect(code[6, i] == (i % 2 == 0), "vertical timing \(i)")
        }
        if version >= 2 {
            let c = n - 7  // the bottom-right alignment pattern's centre
            #expect(code[c, c] && !code[c + 1, c] && !code[c - 1, c - 1] && code[c + 2, c + 2] && code[c - 2, c])
        }
        // Out-of-range reads are light, like the quiet zone.
        #expect(!code[-1, 0] && !code[0, n] && !code[n, n])
    }

    static func expectModules(_ code: QRCode, _ expected: [Bool], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(expected.count == code.size * code.size, sourceLocation: sourceLocation)
        var mismatches: [String] = []
        for y in 0..<code.size {
            for x in 0..<code.size where code[x, y] != expected[y * code.size + x] {
                mismatches.append("(\(x),\(y))")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) modules differ: \(mismatches.prefix(10))",
                sourceLocation: sourceLocation)
    }
}

@Suite("Mask penalty")
struct MaskTests {
    @Test("an all-light 21×21 grid scores N1 798, N2 1200, N3 0, N4 100")
    func allLight() {
        let grid = [Bool](repeating: false, count: 21 * 21)
        // 42 lines of 21 → 3 + 16 each; 20×20 2×2 blocks × 3; 0 % dark is 10 steps of 5 % from 50 %.
        #expect(QRMask.adjacentRunPenalty(grid, size: 21) == 798)
        #expect(QRMask.blockPenalty(grid, size: 21) == 1200)
        #expect(QRMask.finderLikePenalty(grid, size: 21) == 0)
        #expect(QRMask.balancePenalty(grid, size: 21) == 100)
        #expect(QRMask.penalty(grid, size: 21) == 2098)
    }

    @Test("a checkerboard scores only N4 0; one finder-like row adds 40 (light margin counts)")
    func checkerboardAndFinderRun() {
        let n = 12
        var grid = (0..<(n * n)).map { ($0 / n + $0 % n) % 2 == 0 }
        #expect(QRMask.penalty(grid, size: n) == 0)
        // Row 0 becomes 1011101 00000: a finder-like run with four light modules after it.
        let row: [Bool] = [true, false, true, true, true, false, true, false, false, false, false, false]
        for x in 0..<n { grid[x] = row[x] }
        #expect(QRMask.finderLikePenalty(grid, size: n) == 40)
        // Shifted to the right edge (00000 1011101) it still counts: the quiet zone beyond is light.
        for x in 0..<n { grid[x] = row[n - 1 - x] }
        #expect(QRMask.finderLikePenalty(grid, size: n) == 40)
        // Light on one side only is enough: 1 0 1011101 000 (dark module two before, edge after).
        let oneSided: [Bool] = [true, false, true, false, true, true, true, false, true, false, false, false]
        for x in 0..<n { grid[x] = oneSided[x] }
        #expect(QRMask.finderLikePenalty(grid, size: n) == 40)
        // No light margin of four on either side: 1011101 with dark modules close on both sides.
        let enclosed: [Bool] = [true, false, true, false, true, true, true, false, true, false, true, false]
        for x in 0..<n { grid[x] = enclosed[x] }
        #expect(QRMask.finderLikePenalty(grid, size: n) == 0)
        // 5×5 with row 0 dark: five rows are runs of 5 (3 each); columns have runs of 4 only.
        var runs = [Bool](repeating: false, count: 25)
        for x in 0..<5 { runs[x] = true }
        #expect(QRMask.adjacentRunPenalty(runs, size: 5) == 15)
        // A run of 7 scores 3 + 2.
        #expect(QRMask.adjacentRunPenalty([Bool](repeating: true, count: 49), size: 7) == 14 * 5)
    }

    @Test("N4 steps at every full 5 % away from half dark")
    func balance() {
        func grid(dark: Int) -> [Bool] { (0..<100).map { $0 < dark } }
        #expect(QRMask.balancePenalty(grid(dark: 50), size: 10) == 0)
        #expect(QRMask.balancePenalty(grid(dark: 54), size: 10) == 0)
        #expect(QRMask.balancePenalty(grid(dark: 55), size: 10) == 10)
        #expect(QRMask.balancePenalty(grid(dark: 45), size: 10) == 10)
        #expect(QRMask.balancePenalty(grid(dark: 39), size: 10) == 20)
    }

    @Test("the automatic mask is the first one with the lowest penalty",
          arguments: ["", "https://madoguchi.example.jp/c/K7QM-3TXA", "窓口で受付番号をお見せください", String(repeating: "Z", count: 150)])
    func chosenMaskIsMinimal(text: String) throws {
        let auto = try QRCode(text: text)
        let penalties = try (0..<8).map { mask in
            let forced = try QRCode(bytes: Array(text.utf8), level: .medium, forcedMask: mask)
            return QRMask.penalty(forced.modules, size: forced.size)
        }
        let minimum = try #require(penalties.min())
        #expect(auto.mask == penalties.firstIndex(of: minimum))
        #expect(penalties.contains { $0 != minimum }, "penalties should differ between masks: \(penalties)")
    }

    @Test("on a tie the lowest mask number wins (masks 3 and 7 both score 1291 here)")
    func tieGoesToLowestMask() throws {
        let text = "https://madoguchi.example.jp/c/3M2Y-MZ46"
        let penalties = try (0..<8).map { mask in
            let forced = try QRCode(bytes: Array(text.utf8), level: .medium, forcedMask: mask)
            return QRMask.penalty(forced.modules, size: forced.size)
        }
        #expect(penalties[3] == 1291 && penalties[7] == 1291, "\(penalties)")
        #expect(penalties.min() == 1291)
        #expect(try QRCode(text: text).mask == 3)
    }

    @Test("masks partition modules per their formulas (spot checks, i = row, j = column)")
    func maskFormulas() {
        // Row 0 of mask 2 (j mod 3 == 0) and of mask 4 ((i/2 + j/3) mod 2 == 0).
        #expect((0..<6).map { QRMask.isMasked(2, x: $0, y: 0) } == [true, false, false, true, false, false])
        #expect((0..<6).map { QRMask.isMasked(4, x: $0, y: 2) } == [false, false, false, true, true, true])
        #expect(QRMask.isMasked(5, x: 0, y: 5) && !QRMask.isMasked(5, x: 1, y: 1) && QRMask.isMasked(5, x: 2, y: 3))
        #expect(QRMask.isMasked(6, x: 1, y: 1) && !QRMask.isMasked(6, x: 2, y: 2) && !QRMask.isMasked(6, x: 3, y: 3))
        #expect(QRMask.isMasked(6, x: 2, y: 3))
        #expect(QRMask.isMasked(7, x: 0, y: 0) && !QRMask.isMasked(7, x: 1, y: 0) && !QRMask.isMasked(7, x: 2, y: 1))
        #expect(QRMask.isMasked(7, x: 3, y: 1))
        #expect(!QRMask.isMasked(8, x: 0, y: 0))
    }
}
