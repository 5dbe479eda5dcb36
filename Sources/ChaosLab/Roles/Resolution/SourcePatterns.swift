/// The source lines inference looks for, as regular expressions over one line each: Flask,
/// FastAPI and Express routes, pika and amqplib queue declarations and calls, queue names
/// kept in constants or given as defaults of environment lookups, and the dot counting of the
/// RabbitMQ tutorial's worker (`body.count(b'.')`).
///
/// Word boundaries are spelled out (`[^A-Za-z0-9_]`): `\b` follows Unicode's word rules, for
/// which `channel.basic_consume` is one word.
struct SourcePatterns {
    private let postRoute = Self.regex(#"\.post\(\s*['"`](/[^'"`]*)['"`]"#)
    private let flaskRoute = Self.regex(#"\.route\(\s*['"](/[^'"]*)['"](.*)$"#)
    private let healthRoute = Self.regex(#"\.(?:route|get)\(\s*['"`](/[^'"`]*health[^'"`]*)['"`]"#)
    private let queueCall = Self.regex(#"(?:queue_declare|assertQueue|basic_consume)\(\s*(?:queue\s*=\s*)?['"`]([^'"`]+)['"`]"#)
    private let queueKeyword = Self.regex(#"(?:queue_declare|basic_consume)\(.*[^A-Za-z0-9_]queue\s*=\s*['"]([^'"]+)['"]"#)
    private let queueConstant = Self.regex(#"^\s*(?:const\s+|let\s+|var\s+|export\s+const\s+)?([A-Z_]*(?:QUEUE|COLA|DLQ)[A-Z_]*)\s*(?::\s*\w+\s*)?=\s*['"`]([^'"`]+)['"`]"#)
    private let queueDefault = Self.regex(#"(?:getenv|environ\.get|env\.get)\(\s*['"]([A-Z_]*(?:QUEUE|COLA|DLQ)[A-Z_]*)['"]\s*,\s*['"]([^'"]+)['"]"#)
    private let queueDefaultJS = Self.regex(#"process\.env\.([A-Z_]*(?:QUEUE|COLA|DLQ)[A-Z_]*)\s*(?:\|\||\?\?)\s*['"`]([^'"`]+)['"`]"#)
    private let deadLetterKey = Self.regex(#"['"]x-dead-letter-routing-key['"]\s*:\s*['"]([^'"]+)['"]"#)
    private let consumeCall = Self.regex(#"(?:^|[^A-Za-z0-9_])(basic_consume|start_consuming|consume)\("#)
    private let publishCall = Self.regex(#"(?:^|[^A-Za-z0-9_])(basic_publish|sendToQueue|publish)\("#)
    private let dotCount = Self.regex(#"(\.count\(\s*b?(?:'\.'|"\.")\s*\))"#)

    /// Adds what `text` (the content of `file`) shows to `scan`.
    func read(_ text: String, file: String, into scan: inout BuildContextScan) {
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.hasPrefix("#"), !trimmed.hasPrefix("//") else { continue }
            let number = index + 1
            func clue(_ value: String) -> SourceClue {
                SourceClue(value: value, file: file, line: number)
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
            for name in queueNames(in: line) {
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
        }
    }

    /// Queue names on one line, with the variable that holds them when there is one.
    private func queueNames(in line: String) -> [(queue: String, variable: String?)] {
        var names: [(String, String?)] = []
        if let queue = first(queueCall, in: line) ?? first(queueKeyword, in: line), !queue.contains("{") {
            names.append((queue, nil))
        }
        for regex in [queueConstant, queueDefault, queueDefaultJS] {
            if let match = try? regex.firstMatch(in: line),
               let variable = match.output[1].substring, let queue = match.output[2].substring, !queue.isEmpty {
                names.append((String(queue), String(variable)))
            }
        }
        return names
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

    private static func regex(_ pattern: String) -> Regex<AnyRegexOutput> {
        do {
            return try Regex(pattern)
        } catch {
            preconditionFailure("Source pattern \(pattern) does not compile: \(error)")
        }
    }
}
