internal import CRabbitMQ

// Copies out of rabbitmq-c's memory, made before that memory is released.
extension amqp_bytes_t {
    /// A copy of the bytes, made before the C memory is released.
    var array: [UInt8] {
        guard len > 0, let bytes else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: len))
    }

    /// A copy of the bytes as a string; invalid UTF-8 is repaired with U+FFFD.
    var string: String {
        guard len > 0, let bytes else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: len), as: UTF8.self)
    }

    /// A copy of the bytes as a string; nil when they are not valid UTF-8.
    var validatedString: String? {
        guard len > 0, let bytes else { return "" }
        return String(validating: UnsafeRawBufferPointer(start: bytes, count: len), as: UTF8.self)
    }
}
