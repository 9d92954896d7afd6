import Foundation

/// A tiny seeded random number generator (SplitMix64), so a simulated day replays exactly on
/// every machine and every Swift version; no system randomness is involved.
struct SplitMix64: Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * uniform() }

    mutating func chance(_ probability: Double) -> Bool { uniform() < probability }

    /// Standard normal (Box–Muller).
    mutating func normal() -> Double {
        let u = max(uniform(), 0x1.0p-53)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * uniform())
    }

    /// Log-normal with the given mean (not median) and log-scale spread `sigma`.
    mutating func logNormal(mean: Double, sigma: Double) -> Double {
        exp(log(mean) - sigma * sigma / 2 + sigma * normal())
    }

    /// Poisson by Knuth's method: fine for the small means of a quarter hour's arrivals.
    mutating func poisson(_ mean: Double) -> Int {
        let limit = exp(-mean)
        var product = uniform(), count = 0
        while product > limit {
            product *= uniform()
            count += 1
        }
        return count
    }

    /// An index drawn with probability proportional to `weights`.
    mutating func pick(_ weights: [Double]) -> Int {
        var remaining = uniform() * weights.reduce(0, +)
        for (index, weight) in weights.enumerated() {
            remaining -= weight
            if remaining < 0 { return index }
        }
        return weights.count - 1
    }
}
