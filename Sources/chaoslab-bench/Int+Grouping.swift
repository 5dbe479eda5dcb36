extension Int {
    /// The number with a comma every three digits, e.g. `1,234,567`, whatever the locale, so
    /// figures from different machines read and compare alike.
    var grouped: String {
        let digits = String(magnitude)
        var text = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset).isMultiple(of: 3) {
                text.append(",")
            }
            text.append(digit)
        }
        return self < 0 ? "-" + text : text
    }
}
