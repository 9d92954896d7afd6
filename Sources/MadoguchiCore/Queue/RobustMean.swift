/// The typical service time of a window of observations: the mean after every value above
/// `fence` × the window's median is lowered to the fence (a winsorized mean).
///
/// The mean rather than the median, because a queue adds service times up and a long,
/// complicated case is real work: on the simulated days the median under-promised waits.
/// The fence, because one forgotten "finish" button must not move the estimate much.
enum RobustMean {
    /// Values above this multiple of the median count as this multiple.
    static let fence = 3.0

    static func of(_ values: [Seconds]) -> Seconds? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let n = sorted.count
        let median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        let ceiling = fence * median
        return sorted.reduce(0) { $0 + min($1, ceiling) } / Double(n)
    }
}
