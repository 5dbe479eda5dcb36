@testable import ChaosLab
import Testing

@Suite("HTML and XML escaping")
struct HTMLEscapingTests {
    @Test("markup characters become entities")
    func markup() {
        #expect(HTMLEscaping.text(#"<script>alert("x") & 'y'</script>"#) == "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;")
    }

    @Test("line breaks stay in text and become references in attributes")
    func lineBreaks() {
        #expect(HTMLEscaping.text("a\nb\tc") == "a\nb\tc")
        #expect(HTMLEscaping.attribute("a\nb\tc\r") == "a&#10;b&#9;c&#13;")
    }

    @Test("control characters are replaced for people and stripped for XML readers")
    func controlCharacters() {
        let coloured = "\u{1B}[32mok\u{1B}[0m\u{0}"
        #expect(HTMLEscaping.text(coloured) == "\u{FFFD}[32mok\u{FFFD}[0m\u{FFFD}")
        #expect(HTMLEscaping.text(coloured, controlCharacters: .stripped) == "[32mok[0m")
        #expect(HTMLEscaping.attribute("\u{FFFF}x\u{FFFE}", controlCharacters: .stripped) == "x")
    }

    @Test("other text is kept as it is")
    func unicode() {
        #expect(HTMLEscaping.text("worker1 → worker2 ✓ 😀") == "worker1 → worker2 ✓ 😀")
    }
}
