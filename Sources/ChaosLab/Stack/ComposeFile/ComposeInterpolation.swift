/// Compose's variable substitution in values, with a given environment.
///
/// Understands what both compose v1 and v2 accept: `$NAME`, `${NAME}`, `${NAME:-default}`,
/// `${NAME-default}`, `${NAME:?message}`, `${NAME?message}`, `${NAME:+other}`, `${NAME+other}`
/// (defaults may themselves hold expressions) and `$$` for a literal `$`. A variable that is
/// not set becomes empty, as in compose, and is recorded so a lint can report it. Any other `$`
/// is an error, as in compose (a bcrypt hash in a label needs every `$` doubled).
public struct ComposeInterpolation: Sendable {
    /// The variables the substitution sees.
    public var environment: [String: String]

    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// `text` with every expression replaced.
    public func interpolate(_ text: String) throws(ComposeInterpolationError) -> String {
        var unset: Set<String> = []
        return try interpolate(text, unset: &unset)
    }

    /// `text` with every expression replaced; names of variables used without a value and
    /// without a default are added to `unset`.
    public func interpolate(_ text: String, unset: inout Set<String>) throws(ComposeInterpolationError) -> String {
        guard text.contains("$") else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "$" else {
                result.append(scalar)
                index += 1
                continue
            }
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            switch next {
            case "$":
                result.append("$")
                index += 2
            case "{":
                let (value, end) = try braced(scalars, from: index + 2, in: text, unset: &unset)
                result.append(contentsOf: value.unicodeScalars)
                index = end
            case let first? where Self.isNameStart(first):
                var end = index + 1
                while end < scalars.count, Self.isNameContinuation(scalars[end]) { end += 1 }
                let name = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
                result.append(contentsOf: value(of: name, unset: &unset).unicodeScalars)
                index = end
            default:
                throw ComposeInterpolationError(
                    text: text,
                    reason: "a `$` must start a variable (`$NAME`, `${NAME}`) or be doubled (`$$`)"
                )
            }
        }
        return String(result)
    }

    /// Reads `NAME[op word]}` starting after `${`; returns the substituted value and the index
    /// after the closing brace.
    private func braced(
        _ scalars: [Unicode.Scalar],
        from start: Int,
        in text: String,
        unset: inout Set<String>
    ) throws(ComposeInterpolationError) -> (String, Int) {
        var index = start
        guard index < scalars.count, Self.isNameStart(scalars[index]) else {
            throw ComposeInterpolationError(text: text, reason: "`${` must be followed by a variable name")
        }
        while index < scalars.count, Self.isNameContinuation(scalars[index]) { index += 1 }
        let name = String(String.UnicodeScalarView(scalars[start..<index]))
        guard index < scalars.count else {
            throw ComposeInterpolationError(text: text, reason: "`${\(name)` has no closing `}`")
        }
        if scalars[index] == "}" {
            return (value(of: name, unset: &unset), index + 1)
        }
        var requiresValue = false
        if scalars[index] == ":" {
            requiresValue = true
            index += 1
        }
        guard index < scalars.count, "-?+".unicodeScalars.contains(scalars[index]) else {
            throw ComposeInterpolationError(text: text, reason: "`${\(name)` is followed by an unknown operator")
        }
        let operation = scalars[index]
        index += 1
        let wordStart = index
        var depth = 0
        while index < scalars.count {
            if scalars[index] == "$", index + 1 < scalars.count, scalars[index + 1] == "{" {
                depth += 1
                index += 2
                continue
            }
            if scalars[index] == "}" {
                if depth == 0 { break }
                depth -= 1
            }
            index += 1
        }
        guard index < scalars.count else {
            throw ComposeInterpolationError(text: text, reason: "`${\(name)` has no closing `}`")
        }
        let word = String(String.UnicodeScalarView(scalars[wordStart..<index]))
        let current = environment[name]
        let present = requiresValue ? !(current ?? "").isEmpty : current != nil
        let value: String
        switch operation {
        case "-":
            value = present ? current ?? "" : try interpolate(word, unset: &unset)
        case "+":
            value = present ? try interpolate(word, unset: &unset) : ""
        default:
            guard present else {
                let message = try interpolate(word, unset: &unset)
                throw ComposeInterpolationError(
                    text: text,
                    reason: "required variable \(name) is missing a value" + (message.isEmpty ? "" : ": \(message)")
                )
            }
            value = current ?? ""
        }
        return (value, index + 1)
    }

    private func value(of name: String, unset: inout Set<String>) -> String {
        guard let value = environment[name] else {
            unset.insert(name)
            return ""
        }
        return value
    }

    private static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private static func isNameContinuation(_ scalar: Unicode.Scalar) -> Bool {
        isNameStart(scalar) || ("0"..."9").contains(scalar)
    }
}
