/// Hand-written JSON for small flat objects whose field order matters to a human reader.
enum JSONText {
    /// `text` as a JSON string literal (RFC 8259 escaping).
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// `fields` as one JSON object, keys in the given order; values are already JSON.
    static func object(_ fields: KeyValuePairs<String, String>) -> String {
        "{" + fields.map { "\(quoted($0.key)):\($0.value)" }.joined(separator: ",") + "}"
    }
}
