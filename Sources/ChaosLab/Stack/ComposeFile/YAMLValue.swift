/// A YAML value kept as data: what the lab keeps of parts of a compose file it does not model,
/// such as the `x-chaoslab` block. Encodes to the JSON a person would expect.
public enum YAMLValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case sequence([YAMLValue])
    case mapping([String: YAMLValue])

    /// The value at `key` of a mapping; `nil` for a missing key or a value that is no mapping.
    public subscript(key: String) -> YAMLValue? {
        guard case .mapping(let mapping) = self else { return nil }
        return mapping[key]
    }

    /// A scalar as the text compose would use: strings as they are, numbers and booleans
    /// written out; `nil` for null, sequences and mappings.
    public var text: String? {
        switch self {
        case .string(let value): value
        case .int(let value): String(value)
        case .double(let value): String(value)
        case .bool(let value): String(value)
        case .null, .sequence, .mapping: nil
        }
    }

    /// The elements of a sequence; `nil` for anything else.
    public var sequence: [YAMLValue]? {
        guard case .sequence(let elements) = self else { return nil }
        return elements
    }

    /// The entries of a mapping; `nil` for anything else.
    public var mapping: [String: YAMLValue]? {
        guard case .mapping(let entries) = self else { return nil }
        return entries
    }

    /// Whether this is YAML's null.
    public var isNull: Bool {
        self == .null
    }
}

extension YAMLValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([YAMLValue].self) {
            self = .sequence(value)
        } else {
            self = .mapping(try container.decode([String: YAMLValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .sequence(let value): try container.encode(value)
        case .mapping(let value): try container.encode(value)
        }
    }
}
