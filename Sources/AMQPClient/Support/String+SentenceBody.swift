extension String {
    /// The text without its final full stop, for quoting at the end of a sentence.
    var sentenceBody: String {
        hasSuffix(".") ? String(dropLast()) : self
    }
}
