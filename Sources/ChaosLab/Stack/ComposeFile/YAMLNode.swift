import Yams

/// A parsed YAML node that remembers where it was written, so that a compose file's errors
/// can name the line. Aliases are resolved and `<<` merge keys applied.
struct YAMLNode: Sendable {
    enum Kind: Sendable {
        /// A scalar: its text (after interpolation) and its typed value.
        case scalar(text: String, value: YAMLValue)
        case sequence([YAMLNode])
        /// A mapping's entries in file order, keys as text.
        case mapping([(key: String, node: YAMLNode)])
    }

    var kind: Kind
    var line: Int?
    var column: Int?

    /// The node as data, without positions.
    var value: YAMLValue {
        switch kind {
        case .scalar(_, let value):
            value
        case .sequence(let nodes):
            .sequence(nodes.map(\.value))
        case .mapping(let entries):
            .mapping(Dictionary(entries.map { ($0.key, $0.node.value) }, uniquingKeysWith: { _, last in last }))
        }
    }

    /// The text of a scalar; `nil` for null, sequences and mappings.
    var text: String? {
        guard case .scalar(let text, let value) = kind, value != .null else { return nil }
        return text
    }

    /// The value at `key` of a mapping.
    subscript(key: String) -> YAMLNode? {
        guard case .mapping(let entries) = kind else { return nil }
        return entries.last { $0.key == key }?.node
    }
}

extension YAMLNode {
    /// Converts a Yams node; scalars holding `$` go through `interpolation` when given.
    init(_ node: Node, interpolation: InterpolationPass?) throws(ComposeInterpolationErrorAt) {
        line = node.mark?.line
        column = node.mark?.column
        switch node {
        case .scalar(let scalar):
            kind = try Self.scalar(node, scalar, interpolation: interpolation)
        case .sequence(let sequence):
            var nodes: [YAMLNode] = []
            for element in sequence {
                nodes.append(try YAMLNode(element, interpolation: interpolation))
            }
            kind = .sequence(nodes)
        case .mapping(let mapping):
            kind = .mapping(try Self.entries(mapping, interpolation: interpolation))
        case .alias:
            // Yams hands out the anchored node itself in place of an alias; a bare alias
            // node means one that was never defined, which the parser already rejects.
            kind = .scalar(text: "", value: .null)
        }
    }

    private static func scalar(
        _ node: Node,
        _ scalar: Node.Scalar,
        interpolation: InterpolationPass?
    ) throws(ComposeInterpolationErrorAt) -> Kind {
        if let interpolation, scalar.string.contains("$") {
            do {
                let text = try interpolation.apply(scalar.string)
                return .scalar(text: text, value: .string(text))
            } catch {
                throw ComposeInterpolationErrorAt(error: error, line: scalar.mark?.line, column: scalar.mark?.column)
            }
        }
        let text = scalar.string
        let value: YAMLValue
        switch node.tag.rawValue {
        case Tag.Name.null.rawValue: value = .null
        case Tag.Name.bool.rawValue: value = node.bool.map(YAMLValue.bool) ?? .string(text)
        case Tag.Name.int.rawValue: value = node.int.map(YAMLValue.int) ?? .string(text)
        case Tag.Name.float.rawValue: value = node.float.map(YAMLValue.double) ?? .string(text)
        default: value = .string(text)
        }
        return .scalar(text: text, value: value)
    }

    /// A mapping's entries with `<<` merge keys applied: merged entries come first and lose
    /// to keys written in the mapping itself.
    private static func entries(
        _ mapping: Node.Mapping,
        interpolation: InterpolationPass?
    ) throws(ComposeInterpolationErrorAt) -> [(key: String, node: YAMLNode)] {
        var own: [(key: String, node: YAMLNode)] = []
        var merged: [(key: String, node: YAMLNode)] = []
        for (key, value) in mapping {
            let keyText = key.scalar?.string ?? ""
            if keyText == "<<", key.tag.rawValue == Tag.Name.merge.rawValue {
                let sources = value.sequence.map(Array.init) ?? [value]
                for source in sources {
                    if case .mapping(let entries) = try YAMLNode(source, interpolation: interpolation).kind {
                        merged.append(contentsOf: entries)
                    }
                }
                continue
            }
            own.append((keyText, try YAMLNode(value, interpolation: interpolation)))
        }
        let ownKeys = Set(own.map(\.key))
        var seen: Set<String> = []
        var result: [(key: String, node: YAMLNode)] = []
        for entry in merged where !ownKeys.contains(entry.key) && seen.insert(entry.key).inserted {
            result.append(entry)
        }
        return result + own
    }
}
