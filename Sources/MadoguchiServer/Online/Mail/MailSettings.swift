import Foundation

/// Where mail goes: `MADOGUCHI_SMTP_HOST`, `_PORT` (587), `_FROM`, `_STARTTLS` (`1`, the default, or `0`),
/// `_USERNAME`, `_PASSWORD`, `_CA_FILE` (a PEM file of the certificate authorities to trust instead of the
/// system's, for a relay with a municipality's own CA). Without a host, email is off and the pages say so.
struct MailSettings: Sendable, Equatable {
    var host: String
    var port: Int
    var sender: String
    var startTLS: Bool
    var username: String?
    var password: String?
    var trustedCertificatesFile: String?

    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> MailSettings? {
        guard let host = environment["MADOGUCHI_SMTP_HOST"], !host.isEmpty else { return nil }
        let startTLS = !["0", "false", "no"].contains(environment["MADOGUCHI_SMTP_STARTTLS"]?.lowercased() ?? "1")
        return MailSettings(
            host: host,
            port: environment["MADOGUCHI_SMTP_PORT"].flatMap(Int.init) ?? 587,
            sender: environment["MADOGUCHI_SMTP_FROM"] ?? "madoguchi@\(host)",
            startTLS: startTLS,
            username: environment["MADOGUCHI_SMTP_USERNAME"].flatMap { $0.isEmpty ? nil : $0 },
            password: environment["MADOGUCHI_SMTP_PASSWORD"],
            trustedCertificatesFile: environment["MADOGUCHI_SMTP_CA_FILE"].flatMap { $0.isEmpty ? nil : $0 })
    }
}
