extension Duration {
    /// The duration in seconds, for figures (`PageReading.seconds`, `madoguchi paper bench`).
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
