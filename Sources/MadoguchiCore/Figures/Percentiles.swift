/// Order statistics for the product's figures (staff inputs per Case, minutes to print).
public enum Percentiles {
    /// The `p`-th percentile (0…1) by the nearest-rank method: a value that really occurred, never an
    /// interpolation; nil for no values.
    public static func value(_ p: Double, of values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count, max(1, rank)) - 1]
    }

    public static func median(_ values: [Double]) -> Double? { value(0.5, of: values) }
}
