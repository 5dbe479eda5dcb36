/// Escaping for text that goes into HTML, SVG and XML reports.
///
/// Everything in a report that a stack, a compose file or a person wrote — reasons, message
/// ids, log lines, service names — passes through here, so a log line holding `<script>` is
/// shown as text and never run, and the SVG and JUnit files stay well-formed XML.
enum HTMLEscaping {
    /// What to do with characters XML 1.0 does not allow (C0 controls other than tab, line
    /// feed and carriage return, U+FFFE, U+FFFF), e.g. the escape bytes of coloured log output.
    enum ControlCharacters {
        /// Shown as U+FFFD, so a reader sees that something was there.
        case replaced
        /// Left out.
        case stripped
    }

    /// `text` for an element's content.
    static func text(_ text: String, controlCharacters: ControlCharacters = .replaced) -> String {
        escape(text, inAttribute: false, controlCharacters: controlCharacters)
    }

    /// `text` for a double-quoted attribute value; line breaks and tabs become character
    /// references so an XML parser keeps them.
    static func attribute(_ text: String, controlCharacters: ControlCharacters = .replaced) -> String {
        escape(text, inAttribute: true, controlCharacters: controlCharacters)
    }

    private static func escape(_ text: String, inAttribute: Bool, controlCharacters: ControlCharacters) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\n" where inAttribute: escaped += "&#10;"
            case "\r" where inAttribute: escaped += "&#13;"
            case "\t" where inAttribute: escaped += "&#9;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            case _ where !isAllowedInXML(scalar):
                if controlCharacters == .replaced { escaped += "\u{FFFD}" }
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    private static func isAllowedInXML(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF
    }
}
