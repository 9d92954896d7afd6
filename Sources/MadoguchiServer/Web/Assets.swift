import Vapor

/// The site's one stylesheet and one script, compiled into the binary so an install is a single file.
enum Assets {
    static let stylesheetPath = "/assets/madoguchi.css"
    static let scriptPath = "/assets/madoguchi.js"

    static func register(on routes: any RoutesBuilder) {
        routes.get("assets", "madoguchi.css") { _ in serve(Stylesheet.css + Stylesheet.staff + QueueAssets.css, type: HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])) }
        routes.get("assets", "madoguchi.js") { _ in serve(Script.js + QueueAssets.js, type: HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"])) }
    }

    private static func serve(_ body: String, type: HTTPMediaType) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = type
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return Response(status: .ok, headers: headers, body: .init(string: body))
    }
}

struct AssetsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws { Assets.register(on: routes) }
}
