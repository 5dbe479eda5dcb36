/// The lab's message token as a worker pattern's `token` group caught it, cleaned of what
/// surrounds it on the line.
///
/// Tokens are made of ASCII letters, digits and `-` (`round-robin-3fa9c1-7`), but a capture
/// such as `\S+` also takes what the worker printed around them: the quote and brace of a
/// Python `str(dict)` body (`'round-robin-3fa9c1-7'}`), the dots of a tutorial's work time
/// (`round-robin-3fa9c1-7....`).
enum CapturedToken {
    /// `captured` without the characters before and after it that cannot be part of a token;
    /// `nil` when nothing is left.
    static func normalized(_ captured: Substring) -> String? {
        guard let first = captured.firstIndex(where: isTokenCharacter), let last = captured.lastIndex(where: isTokenCharacter) else {
            return nil
        }
        return String(captured[first...last])
    }

    /// An ASCII letter, an ASCII digit or `-`.
    static func isTokenCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "-")
    }
}
