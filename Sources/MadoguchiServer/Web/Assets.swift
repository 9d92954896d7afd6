import Crypto
import Vapor

/// The site's one stylesheet and one script. Their sources are files in `Web/Assets/` (written by hand, no
/// build step), compiled into the binary so an install is a single file. Each is served under a name that
/// carries the hash of its content (`/assets/madoguchi.3f9c…e1.css`), cached for a year: a page always loads
/// the script of the build that rendered it, so a deploy never runs a stale script against new pages.
enum Assets {
    /// One served file: the parts joined, and the hash that names it.
    struct Bundle: Sendable {
        let stem: String
        let fileExtension: String
        let type: HTTPMediaType
        let body: ByteBuffer
        /// The first 16 hex digits of the SHA-256 of `body`.
        let hash: String

        init(stem: String, fileExtension: String, type: HTTPMediaType, parts: [[UInt8]]) {
            self.stem = stem
            self.fileExtension = fileExtension
            self.type = type
            let bytes = Array(parts.joined(separator: [UInt8(ascii: "\n")]))
            body = ByteBuffer(bytes: bytes)
            hash = SHA256.hash(data: bytes).prefix(8).map { String(format: "%02x", $0) }.joined()
        }

        var fileName: String { "\(stem).\(hash).\(fileExtension)" }
        var path: String { "/assets/" + fileName }

        /// `madoguchi.css` or `madoguchi.<any hash>.css`: what pages of this or an earlier build asked for.
        func isVersion(_ name: String) -> Bool {
            name == "\(stem).\(fileExtension)"
                || (name.hasPrefix(stem + ".") && name.hasSuffix("." + fileExtension) && name.split(separator: ".").count == 3)
        }
    }

    static let stylesheet = Bundle(stem: "madoguchi", fileExtension: "css",
                                   type: HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"]),
                                   parts: [PackageResources.site_css, PackageResources.staff_css, PackageResources.queue_css])
    static let script = Bundle(stem: "madoguchi", fileExtension: "js",
                               type: HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"]),
                               parts: [PackageResources.site_js, PackageResources.queue_js, PackageResources.addresses_js, PackageResources.paper_js])

    static var stylesheetPath: String { stylesheet.path }
    static var scriptPath: String { script.path }

    static func register(on routes: any RoutesBuilder) {
        routes.get("assets", ":file") { req -> Response in
            let name = req.parameters.get("file") ?? ""
            for bundle in [stylesheet, script] {
                if name == bundle.fileName { return serve(bundle, cache: "public, max-age=31536000, immutable") }
                // Another version's name (a page from before a deploy, or another instance mid-deploy): today's
                // content, never cached under that name, so the next page load fetches its own version.
                if bundle.isVersion(name) { return serve(bundle, cache: "no-cache") }
            }
            throw Abort(.notFound)
        }
    }

    private static func serve(_ bundle: Bundle, cache: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = bundle.type
        headers.replaceOrAdd(name: .cacheControl, value: cache)
        headers.replaceOrAdd(name: .eTag, value: "\"\(bundle.hash)\"")
        return Response(status: .ok, headers: headers, body: .init(buffer: bundle.body))
    }
}

struct AssetsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws { Assets.register(on: routes) }
}
