extension AMQPFieldValue {
    /// The string, for `.string`; nil for every other kind.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The value of any integer kind as `Int64`; nil for other kinds and for a `.uint64`
    /// above `Int64.max`.
    public var intValue: Int64? {
        switch self {
        case .int8(let value): Int64(value)
        case .uint8(let value): Int64(value)
        case .int16(let value): Int64(value)
        case .uint16(let value): Int64(value)
        case .int32(let value): Int64(value)
        case .uint32(let value): Int64(value)
        case .int64(let value): value
        case .uint64(let value): Int64(exactly: value)
        default: nil
        }
    }

    /// The boolean, for `.bool`; nil for every other kind.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The number of a `.float`, `.double` or `.decimal` (scaled), or of any integer kind.
    public var doubleValue: Double? {
        switch self {
        case .float(let value): Double(value)
        case .double(let value): value
        case .decimal(let scale, let value):
            Double(value) / (0..<scale).reduce(1.0) { result, _ in result * 10 }
        default: intValue.map(Double.init)
        }
    }

    /// Seconds since the Unix epoch, for `.timestamp`; nil for every other kind.
    public var timestampValue: UInt64? {
        if case .timestamp(let value) = self { return value }
        return nil
    }

    /// The table, for `.table`; nil for every other kind.
    public var tableValue: AMQPTable? {
        if case .table(let value) = self { return value }
        return nil
    }

    /// The elements, for `.array`; nil for every other kind.
    public var arrayValue: [AMQPFieldValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The bytes, for `.bytes`; nil for every other kind.
    public var bytesValue: [UInt8]? {
        if case .bytes(let value) = self { return value }
        return nil
    }
}
