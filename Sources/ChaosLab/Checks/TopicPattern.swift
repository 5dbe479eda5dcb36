/// RabbitMQ's topic matching: a binding key of dot-separated words where `*` stands for exactly
/// one word and `#` for zero or more; without wildcards it is a plain comparison, as a direct
/// exchange makes.
enum TopicPattern {
    /// Whether `routingKey` matches the binding key `pattern`.
    static func matches(_ pattern: String, _ routingKey: String) -> Bool {
        match(pattern.split(separator: ".", omittingEmptySubsequences: false)[...],
              routingKey.split(separator: ".", omittingEmptySubsequences: false)[...])
    }

    private static func match(_ pattern: ArraySlice<Substring>, _ words: ArraySlice<Substring>) -> Bool {
        guard let head = pattern.first else { return words.isEmpty }
        if head == "#" {
            let rest = pattern.dropFirst()
            // `#` takes zero words, or one more and tries again.
            return match(rest, words) || (!words.isEmpty && match(pattern, words.dropFirst()))
        }
        guard let word = words.first else { return false }
        return (head == "*" || head == word) && match(pattern.dropFirst(), words.dropFirst())
    }
}
