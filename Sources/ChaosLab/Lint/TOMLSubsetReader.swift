import Foundation

/// Reads the TOML that Traefik static configurations are written in: `[tables]` and
/// `[[array tables]]`, `key = value` with dotted and quoted keys, strings, booleans, numbers,
/// arrays (also over several lines) and inline tables. Each leaf becomes a ``TraefikSetting``.
struct TOMLSubsetReader {
    var text: String
    var file: String

    func settings() throws(LintInputError) -> [TraefikSetting] {
        var settings: [TraefikSetting] = []
        var table: [String] = []
        var pending = ""
        var pendingLine = 0
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = offset + 1
            let content = Self.strippingComment(String(rawLine)).trimmingCharacters(in: .whitespaces)
            if !pending.isEmpty {
                pending += " " + content
                guard Self.isBalanced(pending) else { continue }
                try assignment(pending, table: table, line: pendingLine, into: &settings)
                pending = ""
                continue
            }
            guard !content.isEmpty else { continue }
            if content.hasPrefix("[") {
                let inner = content.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
                guard content.hasSuffix("]"), !inner.isEmpty else {
                    throw .staticFile(path: file, line: line, problem: "`\(content)` is not a TOML table header")
                }
                table = try keyPath(inner, line: line)
                settings.append(TraefikSetting(path: table.joined(separator: "."), value: "", file: file, line: line))
                continue
            }
            if Self.isBalanced(content) {
                try assignment(content, table: table, line: line, into: &settings)
            } else {
                pending = content
                pendingLine = line
            }
        }
        guard pending.isEmpty else {
            throw .staticFile(path: file, line: pendingLine, problem: "an array or inline table is never closed")
        }
        return settings
    }

    private func assignment(_ text: String, table: [String], line: Int, into settings: inout [TraefikSetting]) throws(LintInputError) {
        guard let equals = Self.indexOutsideQuotes(of: "=", in: text) else {
            throw .staticFile(path: file, line: line, problem: "`\(text)` is not a TOML `key = value` line")
        }
        let key = try keyPath(String(text[..<equals]).trimmingCharacters(in: .whitespaces), line: line)
        let value = String(text[text.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        try leaves(value, path: table + key, line: line, into: &settings)
    }

    private func leaves(_ value: String, path: [String], line: Int, into settings: inout [TraefikSetting]) throws(LintInputError) {
        if value.hasPrefix("{") {
            guard value.hasSuffix("}") else {
                throw .staticFile(path: file, line: line, problem: "the inline table `\(value)` is not closed")
            }
            let inner = String(value.dropFirst().dropLast())
            if inner.trimmingCharacters(in: .whitespaces).isEmpty {
                settings.append(TraefikSetting(path: path.joined(separator: "."), value: "", file: file, line: line))
            }
            for part in Self.splitOutsideQuotes(inner) where !part.trimmingCharacters(in: .whitespaces).isEmpty {
                try assignment(part, table: path, line: line, into: &settings)
            }
            return
        }
        let text: String
        if value.hasPrefix("[") {
            guard value.hasSuffix("]") else {
                throw .staticFile(path: file, line: line, problem: "the array `\(value)` is not closed")
            }
            text = Self.splitOutsideQuotes(String(value.dropFirst().dropLast()))
                .map { Self.scalar($0.trimmingCharacters(in: .whitespaces)) }
                .filter { !$0.isEmpty }
                .joined(separator: ",")
        } else {
            text = Self.scalar(value)
        }
        settings.append(TraefikSetting(path: path.joined(separator: "."), value: text, file: file, line: line))
    }

    private func keyPath(_ text: String, line: Int) throws(LintInputError) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "." {
                parts.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current.trimmingCharacters(in: .whitespaces))
        guard quote == nil, parts.allSatisfy({ !$0.isEmpty }) else {
            throw .staticFile(path: file, line: line, problem: "`\(text)` is not a TOML key")
        }
        return parts
    }

    /// A string without its quotes (basic strings with `\"` and `\\` unescaped); anything else as written.
    private static func scalar(_ text: String) -> String {
        if text.count >= 2, text.hasPrefix("'"), text.hasSuffix("'") {
            return String(text.dropFirst().dropLast())
        }
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") {
            return String(text.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
        }
        return text
    }

    private static func strippingComment(_ line: String) -> String {
        guard let hash = indexOutsideQuotes(of: "#", in: line) else { return line }
        return String(line[..<hash])
    }

    private static func indexOutsideQuotes(of target: Character, in text: String) -> String.Index? {
        var quote: Character?
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if let open = quote {
                if character == "\\", open == "\"" {
                    index = text.index(after: index)
                } else if character == open {
                    quote = nil
                }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == target {
                return index
            }
            if index < text.endIndex { index = text.index(after: index) }
        }
        return nil
    }

    /// Splits on commas that are outside quotes, brackets and braces.
    private static func splitOutsideQuotes(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        var depth = 0
        for character in text {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "[" || character == "{" {
                depth += 1
            } else if character == "]" || character == "}" {
                depth -= 1
            } else if character == ",", depth == 0 {
                parts.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        parts.append(current)
        return parts
    }

    /// Whether every `[` and `{` outside quotes is closed.
    private static func isBalanced(_ text: String) -> Bool {
        var depth = 0
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "[" || character == "{" {
                depth += 1
            } else if character == "]" || character == "}" {
                depth -= 1
            }
        }
        return depth <= 0
    }
}
