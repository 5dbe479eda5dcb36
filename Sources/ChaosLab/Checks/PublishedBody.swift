import Foundation

/// What an API put on the work queue for a good message, judged against the contract between
/// the API and its workers: a body that carries the message's text, as a JSON document or as
/// plain text (the RabbitMQ tutorial publishes the text itself).
///
/// Python's `str()` of a dict (`{'message': 'hi'}`) is the classic way to miss it: it reads like
/// JSON to a person, but no JSON parser accepts it, so every worker that parses its input has
/// to guess. A body that starts like JSON and does not parse is refused for the same reason.
struct PublishedBody: Sendable, Hashable {
    /// The body as the broker handed it out.
    var text: String

    /// The verdict on one body.
    struct Judgement: Sendable, Hashable {
        var passed: Bool
        /// What was found, in a few words, for the case's "got …".
        var observed: String
    }

    /// Whether the body is JSON holding `token` somewhere in it, or plain text holding it.
    func judge(token: String) -> Judgement {
        let excerpt = Self.excerpt(text)
        if (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) != nil {
            guard text.contains(token) else {
                return Judgement(passed: false, observed: "JSON without the message's text: \(excerpt)")
            }
            return Judgement(passed: true, observed: "JSON carrying the message (\(text.utf8.count) bytes)")
        }
        if looksLikePythonRepr {
            return Judgement(passed: false, observed: "\(excerpt), which is not JSON but Python's str() of a dict (publish json.dumps(…) instead)")
        }
        if looksLikeJSON {
            return Judgement(passed: false, observed: "\(excerpt), which looks like JSON but does not parse")
        }
        guard text.contains(token) else {
            return Judgement(passed: false, observed: "plain text without the message's text: \(excerpt)")
        }
        return Judgement(passed: true, observed: "plain text carrying the message (\(text.utf8.count) bytes)")
    }

    /// Whether the body starts as a JSON object or array does.
    var looksLikeJSON: Bool {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.hasPrefix("{") || trimmed.hasPrefix("[")
    }

    /// Single-quoted keys or Python's `True`/`False`/`None` in a brace-delimited body.
    var looksLikePythonRepr: Bool {
        guard looksLikeJSON else { return false }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.contains("{'") || trimmed.contains("': ") || trimmed.contains(": True") || trimmed.contains(": False") || trimmed.contains(": None")
    }

    /// The first 80 characters, quoted with backticks.
    static func excerpt(_ text: String) -> String {
        let line = text.replacingOccurrences(of: "\n", with: " ")
        return "`" + (line.count > 80 ? line.prefix(80) + "…" : line) + "`"
    }
}
