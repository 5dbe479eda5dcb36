/// One AMQP field value, as carried in tables (headers, arguments) and arrays.
///
/// The integer kinds follow RabbitMQ's field types (`b B s u I i l T`), so a value read from a
/// message keeps its wire kind when it is written again.
public indirect enum AMQPFieldValue: Sendable, Hashable, Codable {
    case bool(Bool)
    case int8(Int8)
    case uint8(UInt8)
    case int16(Int16)
    case uint16(UInt16)
    case int32(Int32)
    case uint32(UInt32)
    case int64(Int64)
    case uint64(UInt64)
    case float(Float)
    case double(Double)
    /// A decimal: `value / 10^scale`.
    case decimal(scale: UInt8, value: UInt32)
    /// A UTF-8 long string (`S`).
    case string(String)
    /// A byte array (`x`).
    case bytes([UInt8])
    case array([AMQPFieldValue])
    case table(AMQPTable)
    /// Seconds since the Unix epoch (`T`).
    case timestamp(UInt64)
    case void
}
