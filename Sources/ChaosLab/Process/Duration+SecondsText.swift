extension Duration {
    /// The duration in seconds for messages: `0.25 s`, `3 s`, `90 s`.
    var secondsText: String {
        let (seconds, attoseconds) = components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        if milliseconds % 1000 == 0 {
            return "\(milliseconds / 1000) s"
        }
        var text = String(Double(milliseconds) / 1000)
        while text.hasSuffix("0") { text.removeLast() }
        return text + " s"
    }
}
