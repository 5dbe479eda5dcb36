extension Substring {
    /// Where this text names the lab's tokens that start with `prefix`
    /// (`exact-counts-1a2b3c-`): the prefix and the digits right after it, ending there
    /// (`…-12` is not `…-1`). A prefix with no digits after it names nothing.
    func labTokenRanges(prefix: String) -> [Range<Index>] {
        var ranges: [Range<Index>] = []
        var rest = self[...]
        while let found = rest.range(of: prefix) {
            let digits = rest[found.upperBound...].prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty { ranges.append(found.lowerBound..<digits.endIndex) }
            rest = rest[digits.endIndex...]
        }
        return ranges
    }
}
