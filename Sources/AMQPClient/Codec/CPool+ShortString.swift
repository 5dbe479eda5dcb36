internal import CRabbitMQ

extension CPool {
    /// A pool-owned AMQP short string; longer than 255 bytes is refused before anything is sent.
    func shortString(_ value: String, _ what: String) throws(AMQPError) -> amqp_bytes_t {
        guard value.utf8.count <= 255 else {
            throw AMQPError(.invalidState,
                            "The \(what) \"\(value.prefix(40))…\" is \(value.utf8.count) bytes long; AMQP allows at most 255.")
        }
        return try bytes(value)
    }
}
