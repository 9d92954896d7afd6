/// A mistake in a catalog condition, with the character offset where it was found.
public struct ConditionSyntaxError: Error, Equatable, Sendable {
    public let offset: Int
    public let message: String
}

/// Parses and type-checks the condition language (grammar in `Catalog/README.md`).
public struct ConditionParser {
    private var tokens: [Token] = []
    private var position = 0
    private var inMemberScope = false

    /// Parses `text`; `always` is the condition that always holds.
    public static func parse(_ text: String) throws(ConditionSyntaxError) -> Condition {
        var parser = ConditionParser()
        parser.tokens = try Lexer.tokens(of: text)
        let condition = try parser.expression()
        guard case .end = parser.current.kind else {
            throw parser.error("unexpected \(parser.current.kind.display) after the end of the condition")
        }
        let type = try parser.typeOf(condition, at: 0)
        guard type == .bool else {
            throw ConditionSyntaxError(offset: 0, message: "a condition must be yes or no, but this is \(type.name)")
        }
        return condition
    }

    // MARK: Grammar

    private mutating func expression() throws(ConditionSyntaxError) -> Condition {
        var left = try conjunction()
        while accept(.keyword("or")) { left = .or(left, try conjunction()) }
        return left
    }

    private mutating func conjunction() throws(ConditionSyntaxError) -> Condition {
        var left = try negation()
        while accept(.keyword("and")) { left = .and(left, try negation()) }
        return left
    }

    private mutating func negation() throws(ConditionSyntaxError) -> Condition {
        if accept(.keyword("not")) { return .not(try negation()) }
        return try comparison()
    }

    private mutating func comparison() throws(ConditionSyntaxError) -> Condition {
        let start = current.offset
        let left = try primary()
        if case .op(let symbol) = current.kind, let op = ComparisonOperator(rawValue: symbol) {
            advance()
            let right = try primary()
            try checkComparison(left, op, right, at: start)
            return .compare(left, op, right)
        }
        if accept(.keyword("in")) {
            let list = try primary()
            try checkMembership(left, list, at: start)
            return .contains(element: left, list: list)
        }
        if case .keyword("not") = current.kind, case .keyword("in") = peek.kind {
            advance(); advance()
            let list = try primary()
            try checkMembership(left, list, at: start)
            return .not(.contains(element: left, list: list))
        }
        return left
    }

    private mutating func primary() throws(ConditionSyntaxError) -> Condition {
        let token = current
        switch token.kind {
        case .number(let n): advance(); return .literal(.int(n))
        case .string(let s): advance(); return .literal(.string(s))
        case .keyword("true"), .keyword("always"): advance(); return .literal(.bool(true))
        case .keyword("false"): advance(); return .literal(.bool(false))
        case .keyword("null"): advance(); return .literal(.null)
        case .punct("("):
            advance()
            let inner = try expression()
            try expect(.punct(")"))
            return inner
        case .punct("["):
            advance()
            var items: [String] = []
            while !accept(.punct("]")) {
                guard case .string(let s) = current.kind else { throw error("a list holds quoted texts, like [\"national\", \"none\"]") }
                items.append(s)
                advance()
                if !accept(.punct(",")) { try expect(.punct("]")); break }
            }
            return .literal(.list(items))
        case .identifier(let name):
            advance()
            if accept(.punct("(")) { return try call(name, at: token.offset) }
            return try fact(name, at: token.offset)
        default:
            throw error("expected a value, a fact or a parenthesis, found \(token.kind.display)")
        }
    }

    /// `any(set, condition)`, `all(…)`, `none(…)`, `count(set, condition)`.
    private mutating func call(_ name: String, at offset: Int) throws(ConditionSyntaxError) -> Condition {
        let quantifier = Quantifier(rawValue: name)
        guard quantifier != nil || name == "count" else {
            throw ConditionSyntaxError(offset: offset, message: "unknown function '\(name)'; use any, all, none or count")
        }
        guard !inMemberScope else {
            throw ConditionSyntaxError(offset: offset, message: "'\(name)(…)' cannot be nested inside another member condition")
        }
        guard case .identifier(let setName) = current.kind, let set = MemberSet(rawValue: setName) else {
            throw error("'\(name)' needs a member set first: " + MemberSet.allCases.map(\.rawValue).joined(separator: ", "))
        }
        advance()
        let predicate: Condition
        if accept(.punct(",")) {
            inMemberScope = true
            defer { inMemberScope = false }
            predicate = try expression()
        } else {
            predicate = .literal(.bool(true))
        }
        try expect(.punct(")"))
        if let quantifier { return .quantified(quantifier, set, predicate) }
        return .count(set, predicate)
    }

    private func fact(_ name: String, at offset: Int) throws(ConditionSyntaxError) -> Condition {
        if inMemberScope {
            if let fact = MemberFact(rawValue: name) { return .member(fact) }
            throw ConditionSyntaxError(offset: offset, message: "unknown member fact '\(name)'; known: "
                + MemberFact.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if let fact = EventFact(rawValue: name) { return .event(fact) }
        if MemberFact(rawValue: name) != nil {
            throw ConditionSyntaxError(offset: offset, message: "'\(name)' is a member fact: ask it inside any(set, …), all(…), none(…) or count(…)")
        }
        throw ConditionSyntaxError(offset: offset, message: "unknown fact '\(name)'; known: "
            + EventFact.allCases.map(\.rawValue).joined(separator: ", "))
    }

    // MARK: Types

    private func typeOf(_ condition: Condition, at offset: Int) throws(ConditionSyntaxError) -> ConditionType {
        switch condition {
        case .literal(.bool): return .bool
        case .literal(.int): return .int
        case .literal(.string): return .string(domain: nil)
        case .literal(.list): return .stringList(domain: nil)
        case .literal(.null): return .null
        case .member(let fact): return fact.type
        case .event(let fact): return fact.type
        case .compare, .contains: return .bool
        case .quantified(_, _, let predicate):
            try requireBool(predicate, at: offset)
            return .bool
        case .count(_, let predicate):
            try requireBool(predicate, at: offset)
            return .int
        case .not(let inner):
            try requireBool(inner, at: offset)
            return .bool
        case .and(let a, let b), .or(let a, let b):
            try requireBool(a, at: offset)
            try requireBool(b, at: offset)
            return .bool
        }
    }

    private func requireBool(_ condition: Condition, at offset: Int) throws(ConditionSyntaxError) {
        let type = try typeOf(condition, at: offset)
        guard type == .bool else {
            throw ConditionSyntaxError(offset: offset, message: "expected yes or no, but found \(type.name)")
        }
    }

    private func checkComparison(_ left: Condition, _ op: ComparisonOperator, _ right: Condition, at offset: Int) throws(ConditionSyntaxError) {
        let l = try typeOf(left, at: offset), r = try typeOf(right, at: offset)
        switch (l, r) {
        case (.int, .int), (.optionalInt, .int), (.int, .optionalInt), (.bool, .bool):
            break
        case (.optionalInt, .null), (.null, .optionalInt):
            guard op == .equal || op == .notEqual else {
                throw ConditionSyntaxError(offset: offset, message: "null can only be compared with == or !=")
            }
        case (.string(let leftDomain), .string(let rightDomain)):
            guard op == .equal || op == .notEqual else {
                throw ConditionSyntaxError(offset: offset, message: "texts can only be compared with == or !=")
            }
            try checkDomain(leftDomain ?? rightDomain, values: [left, right].compactMap(\.stringLiteral), at: offset)
        default:
            throw ConditionSyntaxError(offset: offset, message: "cannot compare \(l.name) with \(r.name)")
        }
    }

    private func checkMembership(_ element: Condition, _ list: Condition, at offset: Int) throws(ConditionSyntaxError) {
        switch (try typeOf(element, at: offset), try typeOf(list, at: offset)) {
        case (.string(let domain), .stringList(nil)):
            guard case .literal(.list(let values)) = list else { break }
            try checkDomain(domain, values: values, at: offset)
        case (.string(nil), .stringList(let domain)):
            try checkDomain(domain, values: element.stringLiteral.map { [$0] } ?? [], at: offset)
        case (let e, let l):
            throw ConditionSyntaxError(offset: offset, message: "'in' needs a text on the left and a list on the right, found \(e.name) and \(l.name)")
        }
    }

    private func checkDomain(_ domain: [String]?, values: [String], at offset: Int) throws(ConditionSyntaxError) {
        guard let domain else { return }
        for value in values where !domain.contains(value) {
            throw ConditionSyntaxError(offset: offset, message: "'\(value)' is not a possible value here; possible: "
                + domain.joined(separator: ", "))
        }
    }

    // MARK: Tokens

    private var current: Token { tokens[position] }
    private var peek: Token { tokens[min(position + 1, tokens.count - 1)] }
    private mutating func advance() { position = min(position + 1, tokens.count - 1) }

    private mutating func accept(_ kind: Token.Kind) -> Bool {
        guard current.kind == kind else { return false }
        advance()
        return true
    }

    private mutating func expect(_ kind: Token.Kind) throws(ConditionSyntaxError) {
        guard accept(kind) else { throw error("expected \(kind.display), found \(current.kind.display)") }
    }

    private func error(_ message: String) -> ConditionSyntaxError {
        ConditionSyntaxError(offset: current.offset, message: message)
    }
}

private extension Condition {
    var stringLiteral: String? {
        if case .literal(.string(let s)) = self { return s }
        return nil
    }
}

struct Token: Equatable {
    enum Kind: Equatable {
        case identifier(String), keyword(String), number(Int), string(String), op(String), punct(String), end

        var display: String {
            switch self {
            case .identifier(let s): "'\(s)'"
            case .keyword(let s): "'\(s)'"
            case .number(let n): "\(n)"
            case .string(let s): "\"\(s)\""
            case .op(let s), .punct(let s): "'\(s)'"
            case .end: "the end"
            }
        }
    }

    let kind: Kind
    let offset: Int
}

enum Lexer {
    static let keywords: Set<String> = ["and", "or", "not", "in", "true", "false", "null", "always"]

    static func tokens(of text: String) throws(ConditionSyntaxError) -> [Token] {
        let chars = Array(text)
        var tokens: [Token] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let start = i
            if c.isWhitespace { i += 1; continue }
            if c.isLetter || c == "_" {
                while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == "." { i += 1 }
                let word = String(chars[start..<i])
                tokens.append(Token(kind: keywords.contains(word) ? .keyword(word) : .identifier(word), offset: start))
            } else if c.isASCII, c.isNumber {
                while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1 }
                guard let n = Int(String(chars[start..<i])) else {
                    throw ConditionSyntaxError(offset: start, message: "number too large")
                }
                tokens.append(Token(kind: .number(n), offset: start))
            } else if c == "\"" {
                i += 1
                while i < chars.count, chars[i] != "\"" { i += 1 }
                guard i < chars.count else { throw ConditionSyntaxError(offset: start, message: "a quoted text is not closed") }
                tokens.append(Token(kind: .string(String(chars[(start + 1)..<i])), offset: start))
                i += 1
            } else if "=!<>".contains(c) {
                i += 1
                if i < chars.count, chars[i] == "=" { i += 1 }
                let symbol = String(chars[start..<i])
                guard ComparisonOperator(rawValue: symbol) != nil else {
                    throw ConditionSyntaxError(offset: start, message: "unknown operator '\(symbol)'; use == != < <= > >=")
                }
                tokens.append(Token(kind: .op(symbol), offset: start))
            } else if "()[],".contains(c) {
                i += 1
                tokens.append(Token(kind: .punct(String(c)), offset: start))
            } else {
                throw ConditionSyntaxError(offset: start, message: "unexpected character '\(c)'")
            }
        }
        tokens.append(Token(kind: .end, offset: chars.count))
        return tokens
    }
}
