internal import CRabbitMQ

/// Swift ``AMQPProperties`` ⇄ rabbitmq-c's `amqp_basic_properties_t`: every basic property,
/// headers included; `_flags` says which are present.
enum PropertiesCodec {
    static func encode(_ properties: AMQPProperties, into pool: CPool) throws(AMQPError) -> amqp_basic_properties_t {
        var c = amqp_basic_properties_t()
        var flags: UInt32 = 0
        func string(_ value: String?, _ flag: Int32, _ field: inout amqp_bytes_t) throws(AMQPError) {
            guard let value else { return }
            guard value.utf8.count <= 255 else {
                throw AMQPError(.invalidState,
                                "The message property \"\(value.prefix(40))…\" is \(value.utf8.count) bytes long; AMQP short strings hold at most 255.")
            }
            field = try pool.bytes(value)
            flags |= UInt32(flag)
        }
        try string(properties.contentType, AMQP_BASIC_CONTENT_TYPE_FLAG, &c.content_type)
        try string(properties.contentEncoding, AMQP_BASIC_CONTENT_ENCODING_FLAG, &c.content_encoding)
        if let headers = properties.headers {
            c.headers = try TableCodec.encode(headers, into: pool)
            flags |= UInt32(AMQP_BASIC_HEADERS_FLAG)
        }
        if let deliveryMode = properties.deliveryMode {
            c.delivery_mode = deliveryMode.rawValue
            flags |= UInt32(AMQP_BASIC_DELIVERY_MODE_FLAG)
        }
        if let priority = properties.priority {
            c.priority = priority
            flags |= UInt32(AMQP_BASIC_PRIORITY_FLAG)
        }
        try string(properties.correlationID, AMQP_BASIC_CORRELATION_ID_FLAG, &c.correlation_id)
        try string(properties.replyTo, AMQP_BASIC_REPLY_TO_FLAG, &c.reply_to)
        try string(properties.expiration, AMQP_BASIC_EXPIRATION_FLAG, &c.expiration)
        try string(properties.messageID, AMQP_BASIC_MESSAGE_ID_FLAG, &c.message_id)
        if let timestamp = properties.timestamp {
            c.timestamp = timestamp
            flags |= UInt32(AMQP_BASIC_TIMESTAMP_FLAG)
        }
        try string(properties.type, AMQP_BASIC_TYPE_FLAG, &c.type)
        try string(properties.userID, AMQP_BASIC_USER_ID_FLAG, &c.user_id)
        try string(properties.appID, AMQP_BASIC_APP_ID_FLAG, &c.app_id)
        c._flags = flags
        return c
    }

    /// A delivery mode other than 1 or 2 (not valid AMQP) is dropped.
    static func decode(_ c: amqp_basic_properties_t) -> AMQPProperties {
        func has(_ flag: Int32) -> Bool { c._flags & UInt32(flag) != 0 }
        func string(_ flag: Int32, _ field: amqp_bytes_t) -> String? { has(flag) ? field.string : nil }
        return AMQPProperties(
            contentType: string(AMQP_BASIC_CONTENT_TYPE_FLAG, c.content_type),
            contentEncoding: string(AMQP_BASIC_CONTENT_ENCODING_FLAG, c.content_encoding),
            headers: has(AMQP_BASIC_HEADERS_FLAG) ? TableCodec.decode(c.headers) : nil,
            deliveryMode: has(AMQP_BASIC_DELIVERY_MODE_FLAG) ? AMQPDeliveryMode(rawValue: c.delivery_mode) : nil,
            priority: has(AMQP_BASIC_PRIORITY_FLAG) ? c.priority : nil,
            correlationID: string(AMQP_BASIC_CORRELATION_ID_FLAG, c.correlation_id),
            replyTo: string(AMQP_BASIC_REPLY_TO_FLAG, c.reply_to),
            expiration: string(AMQP_BASIC_EXPIRATION_FLAG, c.expiration),
            messageID: string(AMQP_BASIC_MESSAGE_ID_FLAG, c.message_id),
            timestamp: has(AMQP_BASIC_TIMESTAMP_FLAG) ? c.timestamp : nil,
            type: string(AMQP_BASIC_TYPE_FLAG, c.type),
            userID: string(AMQP_BASIC_USER_ID_FLAG, c.user_id),
            appID: string(AMQP_BASIC_APP_ID_FLAG, c.app_id)
        )
    }

    /// Throws unless `properties` fit one content-header frame of `frameMax` bytes. The caller
    /// keeps the pool `properties` point into alive across this call.
    ///
    /// rabbitmq-c writes the basic.publish method frame before it encodes the header frame; a
    /// header that does not fit would leave the broker with half a message and end the
    /// connection. Checking first turns that into an ordinary error.
    static func checkFitsHeaderFrame(
        _ properties: inout amqp_basic_properties_t, frameMax: Int, scratch: inout [UInt8]
    ) throws(AMQPError) {
        // Frame header and end (8), class id, weight and body size (12).
        let available = frameMax - 20
        if scratch.count < available { scratch = [UInt8](repeating: 0, count: available) }
        let length = scratch.withUnsafeMutableBytes { raw in
            amqp_encode_properties(UInt16(AMQP_BASIC_CLASS), &properties, amqp_bytes_t(len: available, bytes: raw.baseAddress))
        }
        guard length >= 0 else {
            throw AMQPError(.invalidState,
                            "The message properties (headers included) do not fit one \(frameMax)-byte header frame (\(AMQPStatus.name(of: length))).")
        }
    }

    /// The content-header property bytes rabbitmq-c writes for `properties`, decoded again by
    /// rabbitmq-c: the path a message's properties take to the broker and back.
    static func wireRoundTrip(_ properties: AMQPProperties) throws(AMQPError) -> AMQPProperties {
        let pool = CPool()
        var c = try encode(properties, into: pool)
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        let length = withExtendedLifetime(pool) {
            buffer.withUnsafeMutableBytes { raw in
                amqp_encode_properties(UInt16(AMQP_BASIC_CLASS), &c, amqp_bytes_t(len: raw.count, bytes: raw.baseAddress))
            }
        }
        guard length >= 0 else {
            throw AMQPError.library(length, during: "Encoding message properties", on: "this client")
        }
        // The decoded properties live in the pool until they are copied out.
        return try withExtendedLifetime(CPool()) { (decodePool: borrowing CPool) throws(AMQPError) in
            var decoded: UnsafeMutableRawPointer?
            let status = buffer.withUnsafeMutableBytes { raw in
                amqp_decode_properties(UInt16(AMQP_BASIC_CLASS), decodePool.pool,
                                       amqp_bytes_t(len: Int(length), bytes: raw.baseAddress), &decoded)
            }
            guard status == AMQPStatus.ok, let decoded else {
                throw AMQPError.library(status, during: "Decoding message properties", on: "this client")
            }
            return decode(decoded.assumingMemoryBound(to: amqp_basic_properties_t.self).pointee)
        }
    }
}
