import MadoguchiCore
import NIOCore

/// HTML built in Swift: text is escaped by construction, so no citizen's input can become markup.
/// One way to render every page; views are functions that return `Markup`.
///
/// A page is a tree of pieces written out once, at the end, into one buffer: an element refers to its content
/// instead of copying it, so a deep page is not copied once per level of nesting (a profile of the guide's
/// result page found most of its time in appending and freeing those copies).
struct Markup: Sendable {
    fileprivate enum Node: Sendable {
        case empty
        case html(String)
        /// `open`, the content, and `</name>`.
        indirect case element(open: String, content: Markup, name: String)
        case sequence([Markup])
    }

    fileprivate let node: Node
    /// The bytes the markup writes: the buffer is allocated once, at its final size.
    let utf8Count: Int

    init() {
        node = .empty
        utf8Count = 0
    }

    /// Escaped text; ふりがな the messages carry (`Ruby`'s markers) becomes `<ruby>`.
    init(text: String) { self.init(trusted: Markup.escape(text, ruby: true)) }

    /// Markup that is already HTML (our own constants only, never user input).
    init(trusted html: String) {
        node = .html(html)
        utf8Count = html.utf8.count
    }

    private init(open: String, content: Markup, name: String) {
        node = .element(open: open, content: content, name: name)
        utf8Count = open.utf8.count + content.utf8Count + name.utf8.count + 3
    }

    private init(node: Node, utf8Count: Int) {
        self.node = node
        self.utf8Count = utf8Count
    }

    fileprivate init(sequence parts: [Markup]) {
        switch parts.count {
        case 0: self.init()
        case 1: self = parts[0]
        default: self.init(node: .sequence(parts), utf8Count: parts.reduce(0) { $0 + $1.utf8Count })
        }
    }

    /// `<open>content</name>` without copying the content.
    static func element(open: String, content: Markup, name: String) -> Markup {
        Markup(open: open, content: content, name: name)
    }

    /// The whole markup as one text.
    var html: String {
        var out = ""
        out.reserveCapacity(utf8Count)
        write { out += $0 }
        return out
    }

    /// The whole markup in one buffer, allocated at its size; the pieces are copied straight into its memory
    /// (`writeString` per piece checked the buffer's capacity and uniqueness each time: 5 % of a page).
    func buffer(_ allocator: ByteBufferAllocator = ByteBufferAllocator()) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: utf8Count)
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: utf8Count) { memory in
            var written = 0
            write { piece in written += memory.copyUTF8(of: piece, at: written) }
            return written
        }
        return buffer
    }

    /// Each piece in document order.
    private func write(_ piece: (String) -> Void) {
        switch node {
        case .empty: return
        case .html(let html): piece(html)
        case .element(let open, let content, let name):
            piece(open)
            content.write(piece)
            piece("</")
            piece(name)
            piece(">")
        case .sequence(let parts):
            for part in parts { part.write(piece) }
        }
    }

    static func escape(_ text: String, ruby: Bool = false) -> String {
        // Most texts have nothing to escape and no ruby: returned as they are, after one pass over their bytes.
        guard text.containsAnyUTF8(of: needsEscaping) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        // Markers out of order (a citizen typed private-use characters) are dropped, never half a tag.
        let rubyWellFormed = ruby && Self.rubyWellFormed(text)
        for scalar in text.unicodeScalars {
            switch scalar {
            case Ruby.open: if rubyWellFormed { out += "<ruby>" }
            case Ruby.separator: if rubyWellFormed { out += "<rt>" }
            case Ruby.close: if rubyWellFormed { out += "</rt></ruby>" }
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `&`, `<`, `>`, `"`, `'`, and 0xEE, which leads U+E000…U+EFFF, where the ruby markers are.
    private static let needsEscaping = UTF8ByteSet(0x26, 0x3C, 0x3E, 0x22, 0x27, 0xEE)

    static func + (lhs: Markup, rhs: Markup) -> Markup { Markup(sequence: [lhs, rhs]) }

    /// Ruby markers in the order open, separator, close, never nested.
    private static func rubyWellFormed(_ text: String) -> Bool {
        var state = 0
        for scalar in text.unicodeScalars {
            switch (scalar, state) {
            case (Ruby.open, 0): state = 1
            case (Ruby.separator, 1): state = 2
            case (Ruby.close, 2): state = 0
            case (Ruby.open, _), (Ruby.separator, _), (Ruby.close, _): return false
            default: continue
            }
        }
        return state == 0
    }

    /// The markup for an element that holds text only (`<title>`, `<option>`): without its ふりがな, or with
    /// the reading in brackets after the word (世帯主（せたいぬし）) where a reader needs it, as in a choice.
    func withoutRuby(keepingReadings: Bool) -> Markup {
        let html = self.html
        guard html.utf8.contains(UInt8(ascii: "<")), html.contains("<ruby>") else { return self }
        let readings = keepingReadings
            ? html.replacing(/<rt>(.*?)<\/rt>/) { "（\($0.output.1)）" }
            : html.replacing(/<rt>.*?<\/rt>/, with: "")
        return Markup(trusted: readings.replacing("<ruby>", with: "").replacing("</ruby>", with: ""))
    }
}

@resultBuilder
enum MarkupBuilder {
    static func buildBlock(_ parts: Markup...) -> Markup { Markup(sequence: parts) }
    // A block of one part (most elements: `el("dt") { label }`) or none is passed on without the variadic
    // array the general one receives: an allocation and a free per element.
    static func buildBlock(_ part: Markup) -> Markup { part }
    static func buildBlock() -> Markup { Markup() }
    static func buildExpression(_ markup: Markup) -> Markup { markup }
    static func buildExpression(_ text: String) -> Markup { Markup(text: text) }
    static func buildOptional(_ markup: Markup?) -> Markup { markup ?? Markup() }
    static func buildEither(first: Markup) -> Markup { first }
    static func buildEither(second: Markup) -> Markup { second }
    static func buildArray(_ parts: [Markup]) -> Markup { Markup(sequence: parts) }
}

/// Elements whose content is text only: ruby there would show as tags or run base and reading together.
private func holdsTextOnly(_ name: String) -> Bool {
    switch name.utf8.count {
    case 5: return name == "title"
    case 6: return name == "option"
    case 8: return name == "textarea"
    default: return false
    }
}

/// Elements whose closing tag HTML forbids. (By length first: `el` asks for every element of every page.)
private func isVoid(_ name: String) -> Bool {
    switch name.utf8.count {
    case 2: return name == "br" || name == "hr"
    case 3: return name == "img"
    case 4: return name == "meta" || name == "link"
    case 5: return name == "input"
    default: return false
    }
}

/// What an attribute's value may need: an escape, or ふりがな (`{` or a marker, led by 0xEE) to drop.
private let attributeNeedsWork = UTF8ByteSet(0x26, 0x3C, 0x3E, 0x22, 0x27, UInt8(ascii: "{"), 0xEE)

/// `<name attributes>content</name>`. An attribute whose value is nil is left out; "" writes it bare
/// (`checked`, `required`).
func el(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:],
        @MarkupBuilder _ content: () -> Markup = { Markup() }) -> Markup {
    let open = openTag(name, attributes)
    if isVoid(name) { return Markup(trusted: open) }
    let inner = holdsTextOnly(name) ? content().withoutRuby(keepingReadings: name == "option") : content()
    return Markup.element(open: open, content: inner, name: name)
}

/// `<name key="value" bare>`, written in one allocation at its final length: a page builds hundreds of these, and
/// appending piece by piece (each append checking capacity, uniqueness and ASCII-ness) was 5 % of a page's time.
private func openTag(_ name: String, _ attributes: KeyValuePairs<String, String?>) -> String {
    var length = name.utf8.count + 2
    for (key, value) in attributes {
        guard let value else { continue }
        // A value to escape or to strip of ふりがな (rare: our own texts, a citizen's input) takes the long way.
        if value.containsAnyUTF8(of: attributeNeedsWork) { return openTagEscaping(name, attributes) }
        length += 1 + key.utf8.count + (value.isEmpty ? 0 : value.utf8.count + 3)
    }
    return String(unsafeUninitializedCapacity: length) { memory in
        var at = 0
        func put(_ text: String) { at += UnsafeMutableRawBufferPointer(memory).copyUTF8(of: text, at: at) }
        func put(_ byte: UInt8) {
            memory[at] = byte
            at += 1
        }
        put(UInt8(ascii: "<"))
        put(name)
        for case let (key, value?) in attributes {
            put(UInt8(ascii: " "))
            put(key)
            if !value.isEmpty {
                put(UInt8(ascii: "="))
                put(UInt8(ascii: "\""))
                put(value)
                put(UInt8(ascii: "\""))
            }
        }
        put(UInt8(ascii: ">"))
        return at
    }
}

private func openTagEscaping(_ name: String, _ attributes: KeyValuePairs<String, String?>) -> String {
    var open = "<" + name
    for case let (key, value?) in attributes {
        open += " " + key
        if !value.isEmpty { open += "=\"" + Markup.escape(Ruby.plain(value)) + "\"" }
    }
    return open + ">"
}

/// Text, escaped.
func text(_ string: String) -> Markup { Markup(text: string) }

extension UnsafeMutableRawBufferPointer {
    /// Copies the text's UTF-8 bytes to `offset` and says how many: one `memcpy` for a native string. Traps rather
    /// than write past the end, should a counted length ever be wrong.
    fileprivate func copyUTF8(of text: String, at offset: Int) -> Int {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            UnsafeMutableRawBufferPointer(rebasing: self[offset...]).copyMemory(from: UnsafeRawBufferPointer(bytes))
            return bytes.count
        } ?? {
            let bytes = Array(text.utf8)
            UnsafeMutableRawBufferPointer(rebasing: self[offset...]).copyBytes(from: bytes)
            return bytes.count
        }()
    }
}
