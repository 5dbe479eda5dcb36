import Foundation

/// A JSON value from the management API, read without a fixed schema.
///
/// The API's answers differ between RabbitMQ 3.8 and 3.13 (fields added, renamed, or left out
/// while statistics are not yet collected; an empty Erlang map printed as `[]`). Reading a tree
/// and picking fields with defaults lets one odd field cost that field only, never the answer.
enum ManagementJSON: Sendable, Hashable, Decodable {
    case null
    case bool(Bool)
    case integer(Int)
    case double(Double)
    case string(String)
    case array([ManagementJSON])
    case object([String: ManagementJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([ManagementJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: ManagementJSON].self))
        }
    }

    /// Parses `text`; `nil` when it is not JSON.
    static func parse(_ text: String) -> ManagementJSON? {
        try? JSONDecoder().decode(ManagementJSON.self, from: Data(text.utf8))
    }

    /// The member `key` of an object; `nil` for anything else or a missing key.
    subscript(key: String) -> ManagementJSON? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }

    /// The text of a string; `nil` otherwise.
    var string: String? {
        guard case .string(let value) = self else { return nil }
        return value
    }

    /// A string that is not empty; the API writes an absent policy as `""`, `null` or nothing.
    var nonEmptyString: String? {
        string.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A whole number, also from an integral double or a numeric string.
    var int: Int? {
        switch self {
        case .integer(let value): value
        case .double(let value): value.rounded() == value && abs(value) < 9e15 ? Int(value) : nil
        case .string(let value): Int(value)
        default: nil
        }
    }

    /// A boolean, also from the strings `true` and `false`.
    var bool: Bool? {
        switch self {
        case .bool(let value): value
        case .string("true"): true
        case .string("false"): false
        default: nil
        }
    }

    /// The members of an array; `nil` otherwise.
    var array: [ManagementJSON]? {
        guard case .array(let values) = self else { return nil }
        return values
    }

    /// The members of an object. An empty array counts as an empty object, because older
    /// brokers print an empty map that way.
    var object: [String: ManagementJSON]? {
        switch self {
        case .object(let members): members
        case .array(let values) where values.isEmpty: [:]
        default: nil
        }
    }

    /// The value as text, the way arguments and policy definitions are kept: strings as they
    /// are, numbers and booleans as written, arrays and objects as compact JSON.
    var text: String {
        switch self {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .integer(let value): String(value)
        case .double(let value): value.rounded() == value && abs(value) < 9e15 ? String(Int(value)) : String(value)
        case .string(let value): value
        case .array, .object: compactJSON
        }
    }

    /// An object's members as text (see ``text``); empty for anything that is not an object.
    var textMap: [String: String] {
        (object ?? [:]).mapValues(\.text)
    }

    private var compactJSON: String {
        switch self {
        case .string(let value):
            let data = (try? JSONEncoder().encode(value)) ?? Data()
            return String(decoding: data, as: UTF8.self)
        case .array(let values):
            return "[" + values.map(\.compactJSON).joined(separator: ",") + "]"
        case .object(let members):
            let pairs = members.sorted { $0.key < $1.key }.map { ManagementJSON.string($0.key).compactJSON + ":" + $0.value.compactJSON }
            return "{" + pairs.joined(separator: ",") + "}"
        default:
            return text
        }
    }
}
