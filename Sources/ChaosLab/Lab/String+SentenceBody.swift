extension String {
    /// The text without its final full stop, to go inside a longer sentence.
    var sentenceBody: String {
        hasSuffix(".") ? String(dropLast()) : self
    }
}
