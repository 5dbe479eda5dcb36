import Foundation

/// What an API put on the work queue for a good message, judged against the contract between
/// the API and its workers: a JSON document that carries the message's text.
///
/// Python's `str()` of a dict (`{'message': 'hi'}`) is the classic way to miss it: it reads like
/// JSON to a person, but no JSON parser accepts it, so every worker that parses its input has
/// to guess.
struct PublishedBody: Sendable, Hashable {
    /// The body as the broker handed it out.
    var text: String

    /// The verdict on one body.
    struct Judgement: Sendable, Hashable {
        var passed: Bool
        /// What was found, in a few words, for the case's "got …".
        var observed: String
    }

    /// Whether the body is JSON holding `token` somewhere in it.
    func judge(token: String) -> Judgement {
        let excerpt = Self.excerpt(text)
        guard (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) != nil else {
            if looksLikePythonRepr {
                return Judgement(passed: false, observed: "\(excerpt), which is not JSON but Python's str() of a dict (publish json.dumps(…) instead)")
            }
            return Judgement(passed: false, observed: "\(excerpt), which is not JSON")
        }
        guard text.contains(token) else {
            return Judgement(passed: false, observed: "JSON without the message's text: \(excerpt)")
        }
        return Judgement(passed: true, observed: "JSON carrying the message (\(text.utf8.count) bytes)")
    }

    /// Single-quoted keys or Python's `True`/`False`/`None` in a brace-delimited body.
    var looksLikePythonRepr: Bool {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("{") || trimmed.hasPrefix("[") else { return false }
        return trimmed.contains("{'") || trimmed.contains("': ") || trimmed.contains(": True") || trimmed.contains(": False") || trimmed.contains(": None")
    }

    /// The first 80 characters, quoted with backticks.
    static func excerpt(_ text: String) -> String {
        let line = text.replacingOccurrences(of: "\n", with: " ")
        return "`" + (line.count > 80 ? line.prefix(80) + "…" : line) + "`"
    }
}
