/// The source lines inference looks for, as regular expressions over one line each: Flask,
/// FastAPI and Express routes, pika and amqplib queue declarations and calls, queue names
/// kept in constants (also built from others: `f"{QUEUE}.dlq"`, `QUEUE + "_dlq"`) or given as
/// defaults of environment lookups, the dot counting of the RabbitMQ tutorial's worker
/// (`body.count(b'.')`), and the word that makes a worker turn a message away
/// (`if b'fail' in body:` … `basic_reject`).
///
/// Word boundaries are spelled out (`[^A-Za-z0-9_]`): `\b` follows Unicode's word rules, for
/// which `channel.basic_consume` is one word.
struct SourcePatterns {
    /// The clues of a counting stack, read over the whole file.
    private let events = EventSourcePatterns()
    private let postRoute = Self.regex(#"\.post\(\s*['"`](/[^'"`]*)['"`]"#)
    private let flaskRoute = Self.regex(#"\.route\(\s*['"](/[^'"]*)['"](.*)$"#)
    private let healthRoute = Self.regex(#"\.(?:route|get)\(\s*['"`](/[^'"`]*health[^'"`]*)['"`]"#)
    private let queueCall = Self.regex(#"(?:^|[^A-Za-z0-9_])(?:queue_declare|assertQueue|basic_consume)\((.*)$"#)
    private let assignment = Self.regex(#"^\s*(?:export\s+)?(?:const\s+|let\s+|var\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*(?::\s*[A-Za-z_][A-Za-z0-9_.\[\]]*\s*)?=(?!=)\s*(.+)$"#)
    private let queueDefault = Self.regex(#"(?:getenv|environ\.get|env\.get)\(\s*['"]([A-Z_]*(?:QUEUE|COLA|DLQ)[A-Z_]*)['"]\s*,\s*['"]([^'"]+)['"]"#)
    private let queueDefaultJS = Self.regex(#"process\.env\.([A-Z_]*(?:QUEUE|COLA|DLQ)[A-Z_]*)\s*(?:\|\||\?\?)\s*['"`]([^'"`]+)['"`]"#)
    private let deadLetterKey = Self.regex(#"['"]x-dead-letter-routing-key['"]\s*:\s*['"]([^'"]+)['"]"#)
    private let consumeCall = Self.regex(#"(?:^|[^A-Za-z0-9_])(basic_consume|start_consuming|consume)\("#)
    private let publishCall = Self.regex(#"(?:^|[^A-Za-z0-9_])(basic_publish|sendToQueue|publish)\("#)
    /// `open(LOG_FILE, "a")`: a file the code appends to.
    private let appendOpen = Self.regex(#"(?:^|[^A-Za-z0-9_.])open\(\s*([^,()]+?)\s*,\s*(?:mode\s*=\s*)?['"]a[+bt]?['"]"#)
    private let dotCount = Self.regex(#"(\.count\(\s*b?(?:'\.'|"\.")\s*\))"#)
    /// `if b'fail' in body:`, `elif "poison" in message.lower():`: the word a message is tested for.
    let wordCondition = Self.regex(#"^\s*(?:if|elif)\s+\(?\s*[bu]?(['"])([A-Za-z][A-Za-z0-9 _-]{1,38})\1\s+in\s+[A-Za-z_]"#)
    /// `if (text.includes('poison')) {`, the same in JavaScript.
    let wordIncludes = Self.regex(#"^\s*(?:\}\s*else\s+)?if\s*\(.*\.includes\(\s*(['"`])([A-Za-z][A-Za-z0-9 _-]{1,38})\1\s*\)"#)
    /// A call that turns a message away: pika's `basic_reject`/`basic_nack`, amqplib's `reject`/`nack`.
    let rejectCall = Self.regex(#"(?:^|[^A-Za-z0-9_])(?:basic_reject|basic_nack|reject|nack)\("#)
    /// A call that acknowledges a message: pika's `basic_ack`, amqplib's `ack`.
    let ackCall = Self.regex(#"(?:^|[^A-Za-z0-9_])(?:basic_ack|ack)\("#)
    /// A line printed with a literal first argument: `print(" [x] Done")`, `console.log('Done')`.
    let printCall = Self.regex(#"(?:^|[^A-Za-z0-9_.])(?:print|console\.(?:log|info|error))\(\s*[fFrRuU]{0,2}(?:'([^']*)'|"([^"]*)"|`([^`]*)`)"#)

    /// Adds what `text` (the content of `file`) shows to `scan`.
    func read(_ text: String, file: String, into scan: inout BuildContextScan) {
        // Strings assigned so far, for names built from them further down.
        var constants: [String: String] = [:]
        var condition: WordCondition?
        var printed: SourceClue?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), !trimmed.hasPrefix("//") else { continue }
            let number = index + 1
            func clue(_ value: String) -> SourceClue {
                SourceClue(value: value, file: file, line: number)
            }
            follow(&condition, line: line, into: &scan)
            notePrint(in: line, number: number, file: file, printed: &printed, into: &scan)
            if condition == nil, let word = conditionWord(in: line) {
                condition = WordCondition(word: clue(word), indent: Self.indent(of: line))
                follow(&condition, line: line, into: &scan, opening: true)
            }
            if let path = first(postRoute, in: line) {
                scan.postRoutes.append(clue(path))
            } else if let match = try? flaskRoute.firstMatch(in: line),
                      let path = match.output[1].substring.map(String.init),
                      let rest = match.output[2].substring, rest.contains("POST") {
                scan.postRoutes.append(clue(path))
            }
            if let path = first(healthRoute, in: line) {
                scan.healthRoutes.append(clue(path))
            }
            for name in queueNames(in: line, constants: &constants) {
                if Self.isDeadLetter(name.variable ?? "") || Self.isDeadLetter(name.queue) {
                    scan.deadLetterQueues.append(clue(name.queue))
                } else if !RoleVocabulary.otherQueueMarks.contains(where: { (name.variable ?? "").uppercased().contains($0) }) {
                    scan.queues.append(clue(name.queue))
                }
            }
            if let key = first(deadLetterKey, in: line) {
                scan.deadLetterQueues.append(clue(key))
            }
            if scan.consumes == nil, let call = first(consumeCall, in: line) {
                scan.consumes = clue(call)
            }
            if scan.publishes == nil, let call = first(publishCall, in: line) {
                scan.publishes = clue(call)
            }
            if scan.countsDots == nil, let call = first(dotCount, in: line) {
                scan.countsDots = clue(call)
            }
            if scan.appendsTo == nil, let expression = first(appendOpen, in: line),
               let path = StringExpression(constants: constants).evaluate(expression), !path.isEmpty {
                scan.appendsTo = clue(path)
            }
        }
        condition.map { close($0, into: &scan) }
        events.read(text, file: file, constants: constants, into: &scan)
    }

    /// Queue names on one line, with the variable that holds them when there is one: a string
    /// assigned to a name that says queue, the queue a declaration or consume call names (a
    /// literal, or a name or expression built from earlier strings), and the defaults of
    /// environment lookups of queue variables. An assignment of a string to any name is kept in
    /// `constants`.
    private func queueNames(in line: String, constants: inout [String: String]) -> [(queue: String, variable: String?)] {
        var names: [(String, String?)] = []
        let expressions = StringExpression(constants: constants)
        if let match = try? queueCall.firstMatch(in: line), let rest = match.output[1].substring {
            let arguments = Self.arguments(rest)
            if let argument = arguments.first(where: { $0.keyword == "queue" }) ?? arguments.first(where: { $0.keyword == nil }),
               let queue = expressions.evaluate(argument.expression), !queue.isEmpty {
                let expression = argument.expression.trimmingCharacters(in: .whitespaces)
                names.append((queue, Self.isName(expression) ? expression : nil))
            }
        }
        if let match = try? assignment.firstMatch(in: line),
           let name = match.output[1].substring.map(String.init), let right = match.output[2].substring,
           let value = expressions.evaluate(right) {
            constants[name] = value
            if Self.namesQueue(name), !value.isEmpty {
                names.append((value, name))
            }
        }
        for regex in [queueDefault, queueDefaultJS] {
            if let match = try? regex.firstMatch(in: line),
               let variable = match.output[1].substring, let queue = match.output[2].substring, !queue.isEmpty {
                names.append((String(queue), String(variable)))
            }
        }
        // One line names a queue once, whichever ways it does.
        var seen: Set<String> = []
        return names.filter { seen.insert($0.0).inserted }
    }

    /// Whether a variable's name says it holds a queue: `QUEUE`, `TASK_QUEUE`, `queue_name`,
    /// `DLQ`, `NOMBRE_COLA`.
    static func namesQueue(_ name: String) -> Bool {
        let upper = name.uppercased()
        return upper.contains("QUEUE") || upper.contains("DLQ") || upper.split(separator: "_").contains { $0 == "COLA" || $0 == "COLAS" }
    }

    private static func isName(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter || first == "_" else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    /// The arguments of a call whose text starts after its `(`: each with its keyword
    /// (`queue=…`), up to the closing parenthesis or the end of the line.
    static func arguments(_ text: Substring) -> [(keyword: String?, expression: String)] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var quote: Character?
        var escaped = false
        for character in text {
            if let open = quote {
                current.append(character)
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == open { quote = nil }
                continue
            }
            switch character {
            case "'", "\"", "`":
                quote = character
            case "(", "[", "{":
                depth += 1
            case ")", "]", "}":
                if depth == 0 {
                    parts.append(current)
                    return parts.map(keyword)
                }
                depth -= 1
            case "," where depth == 0:
                parts.append(current)
                current = ""
                continue
            default:
                break
            }
            current.append(character)
        }
        parts.append(current)
        return parts.map(keyword)
    }

    private static func keyword(_ argument: String) -> (keyword: String?, expression: String) {
        let trimmed = argument.trimmingCharacters(in: .whitespaces)
        guard let equals = trimmed.firstIndex(of: "="), trimmed[trimmed.index(after: equals)...].first != "=" else {
            return (nil, trimmed)
        }
        let name = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
        guard isName(name) else { return (nil, trimmed) }
        return (name, trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces))
    }

    /// Whether a queue or variable name marks a dead-letter queue.
    static func isDeadLetter(_ name: String) -> Bool {
        let upper = name.uppercased()
        return RoleVocabulary.deadLetterMarks.contains { upper.contains($0) }
    }

    private func first(_ regex: Regex<AnyRegexOutput>, in line: String) -> String? {
        guard let match = try? regex.firstMatch(in: line) else { return nil }
        return match.output[1].substring.map(String.init)
    }

    /// A source pattern, compiled; one that does not compile is a programming error.
    static func regex(_ pattern: String) -> Regex<AnyRegexOutput> {
        do {
            return try Regex(pattern)
        } catch {
            preconditionFailure("Source pattern \(pattern) does not compile: \(error)")
        }
    }
}
