/// The clues of a counting stack: a producer's `basic_publish` call (spread over several lines
/// as often as not) and the dict it sends, a consumer that counts per key (`conteo[k] += 1`)
/// and the fields it reads from a message, and the GET routes that show the counts.
struct EventSourcePatterns {
    private let publishStart = SourcePatterns.regex(#"(?:^|[^A-Za-z0-9_])basic_publish\("#)
    private let countIncrement = SourcePatterns.regex(#"^\s*[A-Za-z_][A-Za-z0-9_.]*\[(?:[^\[\]]|\[[^\]]*\])+\]\s*\+=\s*1\s*(?:#.*)?$"#)
    /// `conteo[k] = conteo.get(k, 0) + 1`, the other way students count (the key may itself
    /// be a subscript: `conteo[datos["cliente"]]`).
    private let countFromGet = SourcePatterns.regex(#"^\s*[A-Za-z_][A-Za-z0-9_.]*\[(?:[^\[\]]|\[[^\]]*\])+\]\s*=\s*[A-Za-z_][A-Za-z0-9_.]*\.get\([^,()]+,\s*0\s*\)\s*\+\s*1\s*(?:#.*)?$"#)
    private let getRoute = SourcePatterns.regex(#"\.(?:route|get)\(\s*['"](/[^'"]*)['"](.*)$"#)
    /// `datos["cliente"]`: a subscript, so the `[` follows a name or a call, not a list (`methods=["POST"]`).
    private let subscriptField = SourcePatterns.regex(#"[A-Za-z0-9_\)\]]\[\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]\s*\]"#)
    private let getField = SourcePatterns.regex(#"\.get\(\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]"#)
    private let splitField = SourcePatterns.regex(#"split\(\s*"'([A-Za-z_][A-Za-z0-9_]*)'\s*:"#)
    private let persistentMode = SourcePatterns.regex(#"delivery_mode\s*=\s*2|DeliveryMode\.Persistent|PERSISTENT_DELIVERY_MODE|persistent\s*:\s*true"#)

    /// Adds the counting clues of `text` (the content of `file`) to `scan`; `constants` are the
    /// strings the file assigns, for names used as the exchange or routing key.
    func read(_ text: String, file: String, constants: [String: String], into scan: inout BuildContextScan) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (index, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
            let clue = { (value: String) in SourceClue(value: value, file: file, line: index + 1) }
            if scan.countsPerKey == nil, (try? countIncrement.firstMatch(in: line)) != nil || (try? countFromGet.firstMatch(in: line)) != nil {
                scan.countsPerKey = clue(line.trimmingCharacters(in: .whitespaces))
            }
            if let match = try? getRoute.firstMatch(in: line), let path = match.output[1].substring,
               !(match.output[2].substring ?? "").contains("POST") {
                scan.getRoutes.append(clue(String(path)))
            }
            for regex in [subscriptField, getField, splitField] {
                for match in line.matches(of: regex) {
                    if let field = match.output[1].substring.map(String.init), !scan.readFields.contains(field) {
                        scan.readFields.append(field)
                    }
                }
            }
        }
        if scan.eventPublish == nil, let call = text.firstMatch(of: publishStart) {
            scan.eventPublish = publishClue(text, call: call.range, file: file, constants: constants)
        }
    }

    /// The publish call starting at `call`, when its exchange, routing key and body can be read.
    private func publishClue(_ text: String, call: Range<String.Index>, file: String, constants: [String: String]) -> EventPublishClue? {
        let arguments = SourcePatterns.arguments(Substring(text[call.upperBound...].replacing("\n", with: " ")))
        let expressions = StringExpression(constants: constants)
        func argument(_ name: String) -> String? {
            arguments.first { $0.keyword == name }?.expression
        }
        guard let routingKey = argument("routing_key").flatMap(expressions.evaluate),
              let body = argument("body") else { return nil }
        let exchange = argument("exchange").flatMap(expressions.evaluate) ?? ""
        let format: EventPublishClue.BodyFormat
        let variable: String
        if let inner = Self.callArgument(body, of: ["json.dumps"]) {
            format = .json
            variable = inner
        } else if let inner = Self.callArgument(body, of: ["str", "repr"]) {
            format = .pythonDict
            variable = inner
        } else {
            return nil
        }
        let fields = variable.hasPrefix("{") ? Self.dictFields(Substring(variable.dropFirst())) : Self.assignedDict(variable, in: text)
        guard let fields, !fields.isEmpty else { return nil }
        let line = text[..<call.lowerBound].filter { $0 == "\n" }.count + 1
        let persistent = text.contains(persistentMode)
        let withVariables = fields.map { field in
            var field = field
            if field.literal == nil { field.environment = Self.environmentRead(field.expression, in: text) }
            return field
        }
        return EventPublishClue(exchange: exchange, routingKey: routingKey, format: format, fields: withVariables, persistent: persistent, place: "\(file):\(line)")
    }

    /// `mensaje` from `json.dumps(mensaje)` when `expression` calls one of `functions`.
    private static func callArgument(_ expression: String, of functions: [String]) -> String? {
        let trimmed = expression.trimmingCharacters(in: .whitespacesAndNewlines)
        for function in functions where trimmed.hasPrefix(function + "(") && trimmed.hasSuffix(")") {
            let inner = trimmed.dropFirst(function.count + 1).dropLast()
            let first = SourcePatterns.arguments(inner).first?.expression ?? ""
            return first.isEmpty ? nil : first
        }
        return nil
    }

    /// The fields of the dict literal last assigned to `name` before the publish.
    private static func assignedDict(_ name: String, in text: String) -> [EventPublishClue.Field]? {
        guard let regex = try? Regex(#"(?:^|[^A-Za-z0-9_.])"# + name + #"\s*=\s*\{"#) else { return nil }
        guard let match = text.matches(of: regex).last else { return nil }
        return dictFields(text[match.range.upperBound...])
    }

    /// The environment variable `expression` reads: `os.getenv("SERVICE_ID", "app1")` itself,
    /// or a name the file assigns from one (`SERVICE_ID = os.environ.get("SERVICE_ID")`).
    static func environmentRead(_ expression: String, in text: String) -> EventPublishClue.EnvironmentRead? {
        let read = #/os\.(?:getenv|environ\.get)\(\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]\s*(?:,\s*['"]([^'"]*)['"]\s*)?\)|os\.environ\[\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]\s*\]/#
        func parse(_ candidate: Substring) -> EventPublishClue.EnvironmentRead? {
            guard let match = candidate.firstMatch(of: read) else { return nil }
            guard let variable = match.output.1 ?? match.output.3 else { return nil }
            return EventPublishClue.EnvironmentRead(variable: String(variable), fallback: match.output.2.map(String.init))
        }
        let trimmed = expression.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("os.") { return parse(Substring(trimmed)) }
        guard trimmed.wholeMatch(of: #/[A-Za-z_][A-Za-z0-9_]*/#) != nil,
              let assignment = try? Regex(#"(?m)^\s*"# + trimmed + #"\s*=\s*(os\.[^\n]*)$"#),
              let match = text.matches(of: assignment).last,
              let value = match.output[1].substring else { return nil }
        return parse(value)
    }

    /// The `"key": value` pairs of a dict literal whose text starts after its `{`.
    static func dictFields(_ text: Substring) -> [EventPublishClue.Field]? {
        var fields: [EventPublishClue.Field] = []
        let parts = SourcePatterns.arguments(Substring(text.replacing("\n", with: " ")))
        let strings = StringExpression(constants: [:])
        for part in parts {
            let pair = part.expression.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !pair.isEmpty, let colon = Self.topLevelColon(in: pair) else { continue }
            guard let key = strings.evaluate(pair[..<colon].trimmingCharacters(in: .whitespaces)) else { return nil }
            let value = pair[pair.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
            fields.append(EventPublishClue.Field(key: key, literal: strings.evaluate(value), expression: value))
        }
        return fields
    }

    /// The first `:` outside quotes.
    private static func topLevelColon(in text: String) -> String.Index? {
        var quote: Character?
        for index in text.indices {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == ":" {
                return index
            }
        }
        return nil
    }
}
