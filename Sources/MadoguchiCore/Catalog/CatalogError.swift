/// A catalog file that cannot be used, with where and why — shown to the municipality's IT person at start.
public struct CatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file, relative to the catalog folder.
    public let file: String
    /// 1-based line, when known.
    public let line: Int?
    public let message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(message)"
    }
}
