/// An AMQP field table: string keys to field values, in wire order.
///
/// Order is kept because the wire format keeps it; two tables with the same entries in a
/// different order are not equal. Setting an existing key replaces its value in place.
public struct AMQPTable: Sendable, Hashable, Codable, ExpressibleByDictionaryLiteral, Sequence {
    /// One key/value pair.
    public struct Entry: Sendable, Hashable, Codable {
        public var key: String
        public var value: AMQPFieldValue

        public init(key: String, value: AMQPFieldValue) {
            self.key = key
            self.value = value
        }
    }

    /// The entries in wire order.
    public private(set) var entries: [Entry]

    /// An empty table.
    public init() { entries = [] }

    /// A table of these pairs, in this order; a repeated key keeps its last value at its first place.
    public init(_ pairs: some Sequence<(String, AMQPFieldValue)>) {
        entries = []
        for (key, value) in pairs { self[key] = value }
    }

    public init(dictionaryLiteral elements: (String, AMQPFieldValue)...) {
        self.init(elements)
    }

    /// The value for `key`; assigning nil removes the entry.
    public subscript(key: String) -> AMQPFieldValue? {
        get { entries.first { $0.key == key }?.value }
        set {
            let index = entries.firstIndex { $0.key == key }
            switch (index, newValue) {
            case (let index?, let value?): entries[index].value = value
            case (let index?, nil): entries.remove(at: index)
            case (nil, let value?): entries.append(Entry(key: key, value: value))
            case (nil, nil): break
            }
        }
    }

    /// The keys in wire order.
    public var keys: [String] { entries.map(\.key) }

    /// The number of entries.
    public var count: Int { entries.count }

    /// Whether the table has no entries.
    public var isEmpty: Bool { entries.isEmpty }

    public func makeIterator() -> some IteratorProtocol<(key: String, value: AMQPFieldValue)> {
        entries.lazy.map { (key: $0.key, value: $0.value) }.makeIterator()
    }

    // Encoded as a list of entries so that order survives JSON and other keyed formats.
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        var table = AMQPTable()
        while !container.isAtEnd {
            let entry = try container.decode(Entry.self)
            table[entry.key] = entry.value
        }
        self = table
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(contentsOf: entries)
    }
}

extension AMQPTable: CustomStringConvertible {
    /// `[key: value, ...]` in wire order.
    public var description: String {
        "[" + entries.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "]"
    }
}
