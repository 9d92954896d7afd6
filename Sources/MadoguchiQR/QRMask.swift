/// The eight data mask patterns and the penalty score used to pick one (ISO/IEC 18004 §7.8).
///
/// Masking breaks up large light/dark areas and finder-like shapes that confuse scanners; the
/// encoder tries all eight and keeps the one with the lowest penalty.
enum QRMask {
    static let all = 0..<8

    /// Whether mask `mask` inverts the module at column `x`, row `y` (i = row, j = column in the standard).
    static func isMasked(_ mask: Int, x j: Int, y i: Int) -> Bool {
        switch mask {
        case 0: return (i + j) % 2 == 0
        case 1: return i % 2 == 0
        case 2: return j % 3 == 0
        case 3: return (i + j) % 3 == 0
        case 4: return (i / 2 + j / 3) % 2 == 0
        case 5: return (i * j) % 2 + (i * j) % 3 == 0
        case 6: return ((i * j) % 2 + (i * j) % 3) % 2 == 0
        case 7: return ((i + j) % 2 + (i * j) % 3) % 2 == 0
        default: return false
        }
    }

    /// Total penalty N1 + N2 + N3 + N4 of a square row-major grid (`true` = dark).
    static func penalty(_ modules: [Bool], size: Int) -> Int {
        adjacentRunPenalty(modules, size: size) + blockPenalty(modules, size: size)
            + finderLikePenalty(modules, size: size) + balancePenalty(modules, size: size)
    }

    /// N1: each run of ≥ 5 same-colour modules in a row or column scores 3 + (length − 5).
    static func adjacentRunPenalty(_ modules: [Bool], size: Int) -> Int {
        var score = 0
        for line in 0..<size {
            for horizontal in [true, false] {
                var runColor = false
                var runLength = 0
                for k in 0..<size {
                    let dark = horizontal ? modules[line * size + k] : modules[k * size + line]
                    if k > 0 && dark == runColor {
                        runLength += 1
                    } else {
                        if runLength >= 5 { score += 3 + runLength - 5 }
                        runColor = dark
                        runLength = 1
                    }
                }
                if runLength >= 5 { score += 3 + runLength - 5 }
            }
        }
        return score
    }

    /// N2: each 2×2 block of one colour scores 3 (overlapping blocks all count).
    static func blockPenalty(_ modules: [Bool], size: Int) -> Int {
        var score = 0
        guard size >= 2 else { return 0 }
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let c = modules[y * size + x]
                if c == modules[y * size + x + 1] && c == modules[(y + 1) * size + x]
                    && c == modules[(y + 1) * size + x + 1] {
                    score += 3
                }
            }
        }
        return score
    }

    /// N3: each 1:1:3:1:1 dark:light:dark:light:dark run (1011101) in a row or column that has four
    /// light modules before or after it scores 40 (once per run). Modules outside the symbol count as
    /// light, because the scanner sees the light quiet zone there.
    static func finderLikePenalty(_ modules: [Bool], size: Int) -> Int {
        let core: [Bool] = [true, false, true, true, true, false, true]
        guard size >= core.count else { return 0 }
        var score = 0
        for line in 0..<size {
            for horizontal in [true, false] {
                func dark(_ p: Int) -> Bool {
                    guard p >= 0, p < size else { return false }
                    return horizontal ? modules[line * size + p] : modules[p * size + line]
                }
                for start in 0...(size - core.count) {
                    guard (0..<core.count).allSatisfy({ dark(start + $0) == core[$0] }) else { continue }
                    let lightBefore = (1...4).allSatisfy { !dark(start - $0) }
                    let lightAfter = (0..<4).allSatisfy { !dark(start + core.count + $0) }
                    if lightBefore || lightAfter { score += 40 }
                }
            }
        }
        return score
    }

    /// N4: 10 points for every full 5 % that the dark proportion deviates from 50 %.
    static func balancePenalty(_ modules: [Bool], size: Int) -> Int {
        let total = size * size
        guard total > 0 else { return 0 }
        let dark = modules.reduce(0) { $0 + ($1 ? 1 : 0) }
        // |dark/total − 1/2| / 5 %  =  |20·dark − 10·total| / total, floored.
        return abs(20 * dark - 10 * total) / total * 10
    }
}
