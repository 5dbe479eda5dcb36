/// Works out the text of a string expression in Python or JavaScript source, the way a reader
/// does when a name is built from another: `f"{QUEUE}.dlq"`, `QUEUE + "_dlq"`,
/// `"{}.dlq".format(QUEUE)`, `"%s.dlq" % QUEUE`, `` `${QUEUE}.dlq` ``, and the defaults of
/// environment lookups (`os.getenv("QUEUE", "tasks")`, `process.env.QUEUE || "tasks"`).
///
/// Names are looked up in ``constants``, the strings assigned earlier in the same file. Anything
/// else (a call, an attribute, a name never assigned a string) makes the whole expression
/// unknown: a guess is only made from what the source spells out.
struct StringExpression {
    /// Names with the text assigned to them earlier in the file.
    var constants: [String: String]

    /// The expression's text, or `nil` when it is not a string the source spells out.
    func evaluate(_ source: some StringProtocol) -> String? {
        var parser = Parser(characters: Array(source), constants: constants)
        guard let value = parser.alternatives() else { return nil }
        parser.skipSpaces()
        return parser.atEnd ? value : nil
    }

    /// A recursive-descent reader over one expression. Every method returns `nil` when what it
    /// reads is unknown; text it cannot read at all ends the reading, so the whole is unknown.
    private struct Parser {
        let characters: [Character]
        let constants: [String: String]
        var index = 0

        var atEnd: Bool {
            index >= characters.count || characters[index] == "#" || characters[index] == ";"
                || (characters[index] == "/" && peek(1) == "/")
        }

        func peek(_ offset: Int = 0) -> Character? {
            index + offset < characters.count ? characters[index + offset] : nil
        }

        mutating func skipSpaces() {
            while let character = peek(), character == " " || character == "\t" { index += 1 }
        }

        /// Whether `word` comes next (after spaces); consumes it when it does.
        mutating func take(_ word: String) -> Bool {
            skipSpaces()
            let letters = Array(word)
            guard index + letters.count <= characters.count, Array(characters[index..<index + letters.count]) == letters else { return false }
            // A word operator (`or`) must not be the start of a longer name.
            if word.first?.isLetter == true, let next = peek(letters.count), next.isLetter || next.isNumber || next == "_" { return false }
            index += letters.count
            return true
        }

        /// `a || b`, `a ?? b`, `a or b`: the first known one.
        mutating func alternatives() -> String? {
            var value = concatenation()
            while take("||") || take("??") || take("or") {
                let next = concatenation()
                value = value ?? next
            }
            return value
        }

        /// `a + b + …`: known only when every part is.
        mutating func concatenation() -> String? {
            var value = formatted()
            while take("+") {
                let next = formatted()
                value = value.flatMap { left in next.map { left + $0 } }
            }
            return value
        }

        /// A primary with `.format(…)` or `% value` applied to it.
        mutating func formatted() -> String? {
            var value = primary()
            if take(".format(") {
                let arguments = argumentList()
                value = value.flatMap { template in
                    arguments.allSatisfy { $0 != nil } ? Self.format(template, arguments.compactMap { $0 }) : nil
                }
            } else if take("%") {
                var arguments: [String?]
                if take("(") {
                    arguments = argumentList()
                } else {
                    arguments = [primary()]
                }
                value = value.flatMap { template in
                    arguments.allSatisfy { $0 != nil } ? Self.percent(template, arguments.compactMap { $0 }) : nil
                }
            }
            return value
        }

        /// Expressions separated by commas up to the closing parenthesis (consumed).
        mutating func argumentList() -> [String?] {
            var arguments: [String?] = []
            if take(")") { return arguments }
            repeat {
                arguments.append(alternatives())
            } while take(",") && !take(")")
            _ = take(")")
            return arguments
        }

        mutating func primary() -> String? {
            skipSpaces()
            guard let character = peek() else { return nil }
            if take("(") {
                let value = alternatives()
                return take(")") ? value : nil
            }
            if character == "`" {
                return literal(prefix: "`")
            }
            if character == "'" || character == "\"" {
                return literal(prefix: "")
            }
            guard character.isLetter || character == "_" else {
                index = characters.count
                return nil
            }
            let start = index
            while let next = peek(), next.isLetter || next.isNumber || next == "_" || next == "." { index += 1 }
            var name = String(characters[start..<index])
            if name.count <= 2, name.allSatisfy({ "fFbBrRuU".contains($0) }), let quote = peek(), quote == "'" || quote == "\"" {
                return literal(prefix: name.lowercased())
            }
            if name.hasSuffix(".") { name.removeLast() }
            if take("(") {
                return call(name)
            }
            if take("[") {
                // os.environ["X"]: set at run time, no default to read.
                _ = alternatives()
                _ = take("]")
                return nil
            }
            if name.hasPrefix("process.env.") {
                return nil
            }
            return constants[name]
        }

        /// Environment lookups with a default give the default; other calls are unknown.
        mutating func call(_ name: String) -> String? {
            let arguments = argumentList()
            let lookups = ["os.getenv", "getenv", "os.environ.get", "environ.get", "env.get"]
            guard lookups.contains(name), arguments.count == 2 else { return nil }
            return arguments[1]
        }

        /// A quoted literal; `prefix` holds its letters (`f`, `b`, `rb`) or "`" for a JavaScript
        /// template literal. Placeholders are filled from ``constants``.
        mutating func literal(prefix: String) -> String? {
            guard let quote = peek() else { return nil }
            index += 1
            let isTemplate = prefix == "`"
            let isFormatted = prefix.contains("f")
            let isRaw = prefix.contains("r")
            var text = ""
            var known = true
            while let character = peek(), character != quote {
                index += 1
                if character == "\\", !isRaw, let escaped = peek() {
                    index += 1
                    text.append(escaped == "n" ? "\n" : escaped == "t" ? "\t" : escaped)
                } else if (isFormatted && character == "{" && peek() != "{") || (isTemplate && character == "$" && peek() == "{") {
                    if isTemplate { index += 1 }
                    let start = index
                    while let next = peek(), next != "}" { index += 1 }
                    let name = String(characters[start..<index]).trimmingCharacters(in: .whitespaces)
                    index += 1
                    if let value = constants[name] { text += value } else { known = false }
                } else if isFormatted, (character == "{" || character == "}"), peek() == character {
                    index += 1
                    text.append(character)
                } else {
                    text.append(character)
                }
            }
            guard peek() == quote else { return nil }
            index += 1
            return known ? text : nil
        }

        /// `"{}.dlq".format(q)` and `"{0}.dlq".format(q)`; named fields are not read.
        static func format(_ template: String, _ arguments: [String]) -> String? {
            var result = ""
            var next = 0
            var rest = Substring(template)
            while let open = rest.firstIndex(of: "{") {
                result += rest[..<open]
                guard let close = rest[open...].firstIndex(of: "}") else { return nil }
                let field = rest[rest.index(after: open)..<close]
                let position = field.isEmpty ? next : Int(field)
                guard let position, arguments.indices.contains(position) else { return nil }
                result += arguments[position]
                next += 1
                rest = rest[rest.index(after: close)...]
            }
            return result + rest
        }

        /// `"%s.dlq" % q`: each `%s` takes the next argument.
        static func percent(_ template: String, _ arguments: [String]) -> String? {
            let parts = template.components(separatedBy: "%s")
            guard parts.count - 1 == arguments.count else { return nil }
            return zip(parts, arguments + [""]).map { $0 + $1 }.joined()
        }
    }
}
