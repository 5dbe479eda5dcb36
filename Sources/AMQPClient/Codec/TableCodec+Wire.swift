internal import CRabbitMQ

// The wire form, produced and parsed by rabbitmq-c itself (`amqp_encode_table`,
// `amqp_decode_table`): a table survives it only if the C structures were built right.
extension TableCodec {
    /// Tables larger than this are refused rather than encoded.
    static let maximumWireSize = 16 << 20

    /// The length-prefixed AMQP field-table bytes of `table`.
    static func wireEncoding(of table: AMQPTable) throws(AMQPError) -> [UInt8] {
        let pool = CPool()
        var cTable = try encode(table, into: pool)
        var capacity = 4096
        while true {
            var buffer = [UInt8](repeating: 0, count: capacity)
            var offset = 0
            let status = withExtendedLifetime(pool) {
                buffer.withUnsafeMutableBytes { raw in
                    amqp_encode_table(amqp_bytes_t(len: raw.count, bytes: raw.baseAddress), &cTable, &offset)
                }
            }
            if status == AMQPStatus.ok { return Array(buffer[..<offset]) }
            // rabbitmq-c reports a full buffer as TABLE_TOO_BIG, or as BAD_AMQP_DATA when the
            // field's kind byte is what no longer fits.
            let bufferFull = status == AMQP_STATUS_TABLE_TOO_BIG.rawValue || status == AMQP_STATUS_BAD_AMQP_DATA.rawValue
            guard bufferFull, capacity < maximumWireSize else {
                throw AMQPError.library(status, during: "Encoding a field table", on: "this client")
            }
            capacity *= 2
        }
    }

    /// The table encoded in `bytes` (length prefix included).
    static func decodeWire(_ bytes: [UInt8]) throws(AMQPError) -> AMQPTable {
        // The decoded table lives in the pool until it is copied out.
        try withExtendedLifetime(CPool()) { (pool: borrowing CPool) throws(AMQPError) in
            var cTable = amqp_table_t()
            var offset = 0
            var input = bytes
            let status = input.withUnsafeMutableBytes { raw in
                amqp_decode_table(amqp_bytes_t(len: raw.count, bytes: raw.baseAddress), pool.pool, &cTable, &offset)
            }
            guard status == AMQPStatus.ok else {
                throw AMQPError.library(status, during: "Decoding a field table", on: "this client")
            }
            return decode(cTable)
        }
    }
}
