internal import CRabbitMQ

/// Swift tables ⇄ rabbitmq-c's `amqp_table_t` / `amqp_field_value_t`.
///
/// Encoding builds the C structures inside a ``CPool`` that the caller keeps alive for the C
/// call. Decoding copies every string, byte array and nested value into Swift storage, so the
/// result stays valid after the frame memory is released.
enum TableCodec {
    /// AMQP short strings (table keys) hold at most 255 bytes.
    static let maximumKeyLength = 255

    // MARK: - Swift to C

    static func encode(_ table: AMQPTable, into pool: CPool) throws(AMQPError) -> amqp_table_t {
        guard !table.isEmpty else { return amqp_table_t(num_entries: 0, entries: nil) }
        let entries = try pool.allocate(amqp_table_entry_t.self, count: table.count)
        for (index, entry) in table.entries.enumerated() {
            guard entry.key.utf8.count <= maximumKeyLength else {
                throw AMQPError(.invalidState,
                                "The table key \"\(entry.key.prefix(40))…\" is \(entry.key.utf8.count) bytes long; AMQP allows at most \(maximumKeyLength).")
            }
            entries[index] = amqp_table_entry_t(key: try pool.bytes(entry.key),
                                                value: try encode(entry.value, into: pool))
        }
        return amqp_table_t(num_entries: Int32(table.count), entries: entries)
    }

    static func encode(_ value: AMQPFieldValue, into pool: CPool) throws(AMQPError) -> amqp_field_value_t {
        var field = amqp_field_value_t()
        switch value {
        case .bool(let value):
            field.kind = kind(AMQP_FIELD_KIND_BOOLEAN)
            field.value.boolean = value ? 1 : 0
        case .int8(let value):
            field.kind = kind(AMQP_FIELD_KIND_I8)
            field.value.i8 = value
        case .uint8(let value):
            field.kind = kind(AMQP_FIELD_KIND_U8)
            field.value.u8 = value
        case .int16(let value):
            field.kind = kind(AMQP_FIELD_KIND_I16)
            field.value.i16 = value
        case .uint16(let value):
            field.kind = kind(AMQP_FIELD_KIND_U16)
            field.value.u16 = value
        case .int32(let value):
            field.kind = kind(AMQP_FIELD_KIND_I32)
            field.value.i32 = value
        case .uint32(let value):
            field.kind = kind(AMQP_FIELD_KIND_U32)
            field.value.u32 = value
        case .int64(let value):
            field.kind = kind(AMQP_FIELD_KIND_I64)
            field.value.i64 = value
        case .uint64(let value):
            field.kind = kind(AMQP_FIELD_KIND_U64)
            field.value.u64 = value
        case .float(let value):
            field.kind = kind(AMQP_FIELD_KIND_F32)
            field.value.f32 = value
        case .double(let value):
            field.kind = kind(AMQP_FIELD_KIND_F64)
            field.value.f64 = value
        case .decimal(let scale, let value):
            field.kind = kind(AMQP_FIELD_KIND_DECIMAL)
            field.value.decimal = amqp_decimal_t(decimals: scale, value: value)
        case .string(let value):
            field.kind = kind(AMQP_FIELD_KIND_UTF8)
            field.value.bytes = try pool.bytes(value)
        case .bytes(let value):
            field.kind = kind(AMQP_FIELD_KIND_BYTES)
            field.value.bytes = try pool.bytes(value)
        case .array(let elements):
            field.kind = kind(AMQP_FIELD_KIND_ARRAY)
            field.value.array = try encode(elements, into: pool)
        case .table(let table):
            field.kind = kind(AMQP_FIELD_KIND_TABLE)
            field.value.table = try encode(table, into: pool)
        case .timestamp(let value):
            field.kind = kind(AMQP_FIELD_KIND_TIMESTAMP)
            field.value.u64 = value
        case .void:
            field.kind = kind(AMQP_FIELD_KIND_VOID)
        }
        return field
    }

    static func encode(_ elements: [AMQPFieldValue], into pool: CPool) throws(AMQPError) -> amqp_array_t {
        guard !elements.isEmpty else { return amqp_array_t(num_entries: 0, entries: nil) }
        let storage = try pool.allocate(amqp_field_value_t.self, count: elements.count)
        for (index, element) in elements.enumerated() {
            storage[index] = try encode(element, into: pool)
        }
        return amqp_array_t(num_entries: Int32(elements.count), entries: storage)
    }

    // MARK: - C to Swift

    static func decode(_ table: amqp_table_t) -> AMQPTable {
        guard table.num_entries > 0, let entries = table.entries else { return AMQPTable() }
        return AMQPTable(UnsafeBufferPointer(start: entries, count: Int(table.num_entries)).map {
            ($0.key.string, decode($0.value))
        })
    }

    static func decode(_ array: amqp_array_t) -> [AMQPFieldValue] {
        guard array.num_entries > 0, let entries = array.entries else { return [] }
        return UnsafeBufferPointer(start: entries, count: Int(array.num_entries)).map(decode)
    }

    /// A long string (`S`) that is not valid UTF-8 becomes `.bytes` so that no byte is lost.
    static func decode(_ field: amqp_field_value_t) -> AMQPFieldValue {
        switch UInt32(field.kind) {
        case AMQP_FIELD_KIND_BOOLEAN.rawValue: .bool(field.value.boolean != 0)
        case AMQP_FIELD_KIND_I8.rawValue: .int8(field.value.i8)
        case AMQP_FIELD_KIND_U8.rawValue: .uint8(field.value.u8)
        case AMQP_FIELD_KIND_I16.rawValue: .int16(field.value.i16)
        case AMQP_FIELD_KIND_U16.rawValue: .uint16(field.value.u16)
        case AMQP_FIELD_KIND_I32.rawValue: .int32(field.value.i32)
        case AMQP_FIELD_KIND_U32.rawValue: .uint32(field.value.u32)
        case AMQP_FIELD_KIND_I64.rawValue: .int64(field.value.i64)
        case AMQP_FIELD_KIND_U64.rawValue: .uint64(field.value.u64)
        case AMQP_FIELD_KIND_F32.rawValue: .float(field.value.f32)
        case AMQP_FIELD_KIND_F64.rawValue: .double(field.value.f64)
        case AMQP_FIELD_KIND_DECIMAL.rawValue:
            .decimal(scale: field.value.decimal.decimals, value: field.value.decimal.value)
        case AMQP_FIELD_KIND_UTF8.rawValue:
            field.value.bytes.validatedString.map(AMQPFieldValue.string) ?? .bytes(field.value.bytes.array)
        case AMQP_FIELD_KIND_BYTES.rawValue: .bytes(field.value.bytes.array)
        case AMQP_FIELD_KIND_ARRAY.rawValue: .array(decode(field.value.array))
        case AMQP_FIELD_KIND_TABLE.rawValue: .table(decode(field.value.table))
        case AMQP_FIELD_KIND_TIMESTAMP.rawValue: .timestamp(field.value.u64)
        default: .void
        }
    }

    private static func kind(_ kind: amqp_field_value_kind_t) -> UInt8 {
        UInt8(kind.rawValue)
    }
}
