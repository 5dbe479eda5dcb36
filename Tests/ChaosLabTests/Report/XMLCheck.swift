import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Well-formedness and queries for the XML the reports write: the SVG timelines and junit.xml.
enum XMLCheck {
    /// Why `xml` is not well-formed, or `nil` if it is. `XMLParser` is used rather than
    /// `XMLDocument`, which on Linux repairs broken input without a word.
    static func problem(_ xml: String) -> String? {
        let parser = XMLParser(data: Data(xml.utf8))
        let parsed = parser.parse()
        guard !parsed || parser.parserError != nil else { return nil }
        return "\(parser.parserError.map { "\($0)" } ?? "parse failed") at line \(parser.lineNumber), column \(parser.columnNumber)"
    }

    /// `xml` as a document, for XPath queries.
    static func document(_ xml: String) throws -> XMLDocument {
        try XMLDocument(xmlString: xml, options: [])
    }

    /// How many nodes `xpath` finds in `xml`. SVG elements live in the SVG namespace, so
    /// queries name them with `local-name()`.
    static func count(_ xpath: String, in xml: String) throws -> Int {
        try document(xml).nodes(forXPath: xpath).count
    }

    /// An attribute's value. `XMLElement.attribute(forName:)` finds nothing on an element in
    /// a default namespace (SVG's) on Linux, so this looks through the attributes.
    static func attribute(_ name: String, of node: XMLNode?) -> String? {
        (node as? XMLElement)?.attributes?.first { $0.name == name }?.stringValue
    }

    /// Every `<svg …>…</svg>` element in an HTML page.
    static func svgFragments(in html: String) -> [String] {
        var fragments: [String] = []
        var rest = html[...]
        while let open = rest.range(of: "<svg "), let close = rest[open.lowerBound...].range(of: "</svg>") {
            fragments.append(String(rest[open.lowerBound..<close.upperBound]))
            rest = rest[close.upperBound...]
        }
        return fragments
    }
}

extension StringProtocol {
    /// How many times `needle` occurs, not overlapping.
    func occurrences(of needle: String) -> Int {
        ranges(of: needle).count
    }
}
