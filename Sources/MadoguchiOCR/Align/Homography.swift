/// A plane-to-plane projection: millimetres on the printed page to pixels of the scan. Four points fix it, so a
/// page scanned skewed, rotated a few degrees or with small perspective (a phone, a curled sheet on a flatbed)
/// is read at the right places.
public struct Homography: Sendable, Equatable {
    /// Row-major 3×3, the last element 1.
    public let matrix: [Double]

    /// The projection taking each `from` point to its `to` point; nil when three of them are on one line.
    public init?(from: [(x: Double, y: Double)], to: [(x: Double, y: Double)]) {
        guard from.count == 4, to.count == 4 else { return nil }
        // h11..h32 from the eight equations x' (h31 x + h32 y + 1) = h11 x + h12 y + h13, and so for y'.
        var rows: [[Double]] = []
        for (source, target) in zip(from, to) {
            rows.append([source.x, source.y, 1, 0, 0, 0, -target.x * source.x, -target.x * source.y, target.x])
            rows.append([0, 0, 0, source.x, source.y, 1, -target.y * source.x, -target.y * source.y, target.y])
        }
        guard let solution = Self.solve(rows) else { return nil }
        matrix = solution + [1]
    }

    public func apply(_ x: Double, _ y: Double) -> (x: Double, y: Double) {
        let m = matrix
        let w = m[6] * x + m[7] * y + m[8]
        return ((m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w)
    }

    /// Gaussian elimination with partial pivoting on an n × (n+1) augmented matrix.
    private static func solve(_ input: [[Double]]) -> [Double]? {
        var a = input
        let n = a.count
        for column in 0..<n {
            guard let pivot = (column..<n).max(by: { abs(a[$0][column]) < abs(a[$1][column]) }), abs(a[pivot][column]) > 1e-12 else { return nil }
            a.swapAt(column, pivot)
            for row in 0..<n where row != column {
                let factor = a[row][column] / a[column][column]
                if factor != 0 { for k in column...n { a[row][k] -= factor * a[column][k] } }
            }
        }
        return (0..<n).map { a[$0][n] / a[$0][$0] }
    }
}
