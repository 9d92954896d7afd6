import Vapor

extension Request {
    /// The full address of a path on this server, as a QR code or a printed receipt must carry it: the host
    /// the browser asked for, https when Madoguchi is served behind HTTPS (`MADOGUCHI_SECURE_COOKIES`).
    func absoluteURL(_ path: String) -> String {
        let host = headers.first(name: .host) ?? "localhost"
        return (madoguchi.secureCookies ? "https" : "http") + "://\(host)" + path
    }
}
