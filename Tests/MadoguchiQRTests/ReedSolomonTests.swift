import Testing
@testable import MadoguchiQR

@Suite("GF(256) and Reed–Solomon")
struct ReedSolomonTests {
    @Test("exp and log tables are inverse and α has order 255")
    func fieldTables() {
        #expect(GaloisField.exp[0] == 1)
        #expect(GaloisField.exp[8] == 0x1D)  // α^8 = x^4+x^3+x^2+1 under 0x11D
        #expect(GaloisField.alphaPower(255) == 1)
        #expect(Set(GaloisField.exp.prefix(255)).count == 255)  // every non-zero element once
        for a in 1...255 {
            #expect(Int(GaloisField.exp[GaloisField.log[a]]) == a)
        }
        #expect(GaloisField.multiply(0, 0x53) == 0)
        #expect(GaloisField.multiply(0x53, 0xCA) == GaloisField.multiply(0xCA, 0x53))
        #expect(GaloisField.multiply(2, 0x80) == 0x1D)
    }

    @Test("generator polynomial for 10 EC codewords matches the published exponents")
    func generatorDegree10() {
        // g(x) = x^10 + α^251x^9 + α^67x^8 + α^46x^7 + α^61x^6 + α^118x^5 + α^70x^4 + α^64x^3 + α^94x^2 + α^32x + α^45
        let exponents = [251, 67, 46, 61, 118, 70, 64, 94, 32, 45]
        #expect(ReedSolomonEncoder(degree: 10).generator == exponents.map { GaloisField.alphaPower($0) })
    }

    @Test("1-M example: data codewords give the published EC codewords")
    func version1M() {
        let data: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        #expect(ReedSolomonEncoder(degree: 10).errorCorrection(for: data)
            == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    @Test("5-Q block 1 example: 18 EC codewords")
    func version5QBlock1() {
        let data: [UInt8] = [67, 85, 70, 134, 87, 38, 85, 194, 119, 50, 6, 18, 6, 103, 38]
        #expect(ReedSolomonEncoder(degree: 18).errorCorrection(for: data)
            == [213, 199, 11, 45, 115, 247, 241, 223, 229, 248, 154, 117, 154, 111, 86, 161, 111, 39])
    }

    @Test("codeword polynomial (data + EC) vanishes at every generator root", arguments: [7, 16, 26, 30])
    func syndromesAreZero(degree: Int) {
        var rng = SplitMix64(state: UInt64(degree))
        let data = (0..<40).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let codeword = data + ReedSolomonEncoder(degree: degree).errorCorrection(for: data)
        for i in 0..<degree {
            let root = GaloisField.alphaPower(i)
            var value: UInt8 = 0
            for c in codeword { value = GaloisField.multiply(value, root) ^ c }  // Horner
            #expect(value == 0, "syndrome \(i) is \(value)")
        }
    }
}

/// A seeded generator, so a failing case is reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
