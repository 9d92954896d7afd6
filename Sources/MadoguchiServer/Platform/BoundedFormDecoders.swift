#if canImport(Glibc)
import Glibc
#endif
import MultipartKit
import NIOCore
import Vapor

/// Form bodies are counted before they are parsed.
///
/// MultipartKit builds its form tree by copying it once per part, so 40,000 tiny parts in 2 MB cost half a
/// minute of CPU before any check could run. Here the parts (or `&`-separated fields) are counted in one pass
/// over the bytes, and a body with more than a form of Madoguchi can have is refused with 413 before it is
/// parsed: the cost of a hostile body is linear in its size, and the parse that follows is bounded.
enum FormLimits {
    /// Multipart forms carry a file: the largest is the online application of a household of 20 people
    /// (7 fields each, the addresses, the file and the hidden fields: about 170).
    static let maxParts = 200
    /// URL-encoded forms: the largest is the counter's Case form of 20 people with every interview question
    /// (about 40 fields each).
    static let maxFields = 1_000

    static func tooMany(_ count: Int, limit: Int) -> Abort {
        Abort(.payloadTooLarge, reason: "The form has \(count) fields; at most \(limit) are accepted.")
    }
}

struct BoundedFormDataDecoder: ContentDecoder {
    private let parser = FormDataDecoder()

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try check(body, headers: headers)
        return try parser.decode(D.self, from: body, headers: headers)
    }

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders, userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
        try check(body, headers: headers)
        return try parser.decode(D.self, from: body, headers: headers, userInfo: userInfo)
    }

    private func check(_ body: ByteBuffer, headers: HTTPHeaders) throws {
        guard let boundary = headers.contentType?.parameters["boundary"], !boundary.isEmpty, boundary.utf8.count <= 70 else {
            throw Abort(.badRequest, reason: "A multipart form needs a boundary of 1 to 70 characters.")
        }
        // Each part begins with CRLF "--" boundary (the first may lack the CRLF); the closing delimiter is one more.
        let delimiters = body.occurrences(of: Array(("--" + boundary).utf8), upTo: FormLimits.maxParts + 2)
        if delimiters > FormLimits.maxParts + 1 { throw FormLimits.tooMany(delimiters - 1, limit: FormLimits.maxParts) }
    }
}

struct BoundedURLEncodedFormDecoder: ContentDecoder {
    private let parser = URLEncodedFormDecoder()

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try check(body)
        return try parser.decode(D.self, from: body, headers: headers)
    }

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders, userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
        try check(body)
        return try parser.decode(D.self, from: body, headers: headers, userInfo: userInfo)
    }

    private func check(_ body: ByteBuffer) throws {
        let separators = body.occurrences(of: [UInt8(ascii: "&")], upTo: FormLimits.maxFields)
        if separators >= FormLimits.maxFields { throw FormLimits.tooMany(separators + 1, limit: FormLimits.maxFields) }
    }
}

extension ByteBuffer {
    /// How many times `needle` occurs in the readable bytes (not overlapping), counting no further than
    /// `limit`. `memchr` finds each candidate first byte and `memcmp` compares the rest: at most
    /// (needle length × body length) byte comparisons, and a needle is at most 72 bytes.
    func occurrences(of needle: [UInt8], upTo limit: Int) -> Int {
        guard !needle.isEmpty else { return 0 }
        return withUnsafeReadableBytes { haystack in
            needle.withUnsafeBytes { needleBytes in
                guard var cursor = haystack.baseAddress, let needleStart = needleBytes.baseAddress else { return 0 }
                var remaining = haystack.count
                var found = 0
                let first = Int32(needle[0])
                while found < limit, remaining >= needle.count,
                      let hit = memchr(cursor, first, remaining - needle.count + 1) {
                    let offset = cursor.distance(to: UnsafeRawPointer(hit))
                    if memcmp(hit, needleStart, needle.count) == 0 {
                        found += 1
                        cursor += offset + needle.count
                        remaining -= offset + needle.count
                    } else {
                        cursor += offset + 1
                        remaining -= offset + 1
                    }
                }
                return found
            }
        }
    }
}

extension ContentConfiguration {
    /// Vapor's form decoders behind the counting guard.
    static func useBoundedFormDecoders() {
        var configuration = ContentConfiguration.global
        configuration.use(decoder: BoundedFormDataDecoder(), for: .formData)
        configuration.use(decoder: BoundedURLEncodedFormDecoder(), for: .urlEncodedForm)
        ContentConfiguration.global = configuration
    }
}
