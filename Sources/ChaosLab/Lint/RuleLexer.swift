/// Splits a router rule into tokens the way Go's scanner would for the expressions Traefik
/// accepts: identifiers, `` `raw` `` and `"escaped"` strings, parentheses, commas, `&&`, `||`
/// and `!`.
struct RuleLexer {
    private let characters: [Character]
    private var index = 0

    init(_ text: String) {
        characters = Array(text)
    }

    /// Every token, ending with `.end`.
    mutating func tokens() throws(RuleSyntaxError) -> [RuleToken] {
        var tokens: [RuleToken] = []
        while true {
            let token = try next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private mutating func next() throws(RuleSyntaxError) -> RuleToken {
        while index < characters.count, characters[index].isWhitespace { index += 1 }
        let column = index + 1
        guard index < characters.count else { return RuleToken(kind: .end, column: column) }
        let character = characters[index]
        switch character {
        case "(":
            index += 1
            return RuleToken(kind: .openParenthesis, column: column)
        case ")":
            index += 1
            return RuleToken(kind: .closeParenthesis, column: column)
        case ",":
            index += 1
            return RuleToken(kind: .comma, column: column)
        case "`":
            return RuleToken(kind: .string(try rawString(), .backtick), column: column)
        case "\"":
            return RuleToken(kind: .string(try escapedString(), .doubleQuote), column: column)
        case "'":
            throw RuleSyntaxError(.singleQuotes, column: column)
        case "&", "|", "!", "=", "<", ">":
            return RuleToken(kind: operatorToken(), column: column)
        default:
            if character.isLetter || character == "_" {
                var name = ""
                while index < characters.count,
                    characters[index].isLetter || characters[index].isNumber || characters[index] == "_" || characters[index] == "."
                {
                    name.append(characters[index])
                    index += 1
                }
                return RuleToken(kind: .identifier(name), column: column)
            }
            if character.isNumber {
                var text = ""
                while index < characters.count, characters[index].isNumber || characters[index] == "." {
                    text.append(characters[index])
                    index += 1
                }
                return RuleToken(kind: .number(text), column: column)
            }
            index += 1
            return RuleToken(kind: .otherOperator(String(character)), column: column)
        }
    }

    private mutating func operatorToken() -> RuleToken.Kind {
        let pair = index + 1 < characters.count ? String(characters[index...(index + 1)]) : String(characters[index])
        switch pair {
        case "&&":
            index += 2
            return .and
        case "||":
            index += 2
            return .or
        case "==", "!=", "<=", ">=":
            index += 2
            return .otherOperator(pair)
        default:
            let single = characters[index]
            index += 1
            return single == "!" ? .not : .otherOperator(String(single))
        }
    }

    /// A `` `raw` `` string: everything up to the next backtick, as written.
    private mutating func rawString() throws(RuleSyntaxError) -> String {
        let start = index
        index += 1
        var value = ""
        while index < characters.count, characters[index] != "`" {
            value.append(characters[index])
            index += 1
        }
        guard index < characters.count else {
            throw RuleSyntaxError(.unterminatedString(quote: "`"), column: start + 1)
        }
        index += 1
        return value
    }

    /// A `"escaped"` string with Go's escapes applied; a newline or an unknown escape is an error.
    private mutating func escapedString() throws(RuleSyntaxError) -> String {
        let start = index
        index += 1
        var value = ""
        while index < characters.count, characters[index] != "\"", !characters[index].isNewline {
            if characters[index] == "\\" {
                value.append(try escape())
            } else {
                value.append(characters[index])
                index += 1
            }
        }
        guard index < characters.count, characters[index] == "\"" else {
            throw RuleSyntaxError(.unterminatedString(quote: "\""), column: start + 1)
        }
        index += 1
        return value
    }

    private mutating func escape() throws(RuleSyntaxError) -> String {
        let column = index + 1
        guard index + 1 < characters.count else {
            throw RuleSyntaxError(.invalidEscape(sequence: "\\"), column: column)
        }
        let letter = characters[index + 1]
        let simple: [Character: String] = [
            "a": "\u{07}", "b": "\u{08}", "f": "\u{0C}", "n": "\n", "r": "\r", "t": "\t", "v": "\u{0B}", "\\": "\\", "\"": "\"",
        ]
        if let replacement = simple[letter] {
            index += 2
            return replacement
        }
        let digits: (count: Int, radix: Int)? =
            switch letter {
            case "x": (2, 16)
            case "u": (4, 16)
            case "U": (8, 16)
            case "0"..."7": (3, 8)
            default: nil
            }
        guard let digits else {
            throw RuleSyntaxError(.invalidEscape(sequence: "\\\(letter)"), column: column)
        }
        let first = letter.isNumber ? index + 1 : index + 2
        let end = first + digits.count
        guard end <= characters.count,
            let code = UInt32(String(characters[first..<end]), radix: digits.radix),
            let scalar = Unicode.Scalar(code)
        else {
            throw RuleSyntaxError(.invalidEscape(sequence: String(characters[index..<min(end, characters.count)])), column: column)
        }
        index = end
        return String(Character(scalar))
    }
}
