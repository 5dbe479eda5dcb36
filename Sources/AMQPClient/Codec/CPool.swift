internal import CRabbitMQ

/// An `amqp_pool_t` owned by Swift: C structures built for one call (tables, properties,
/// strings) live here until the pool is released, after the call returns.
///
/// Swift may release an object right after its last use, and a pointer into its memory is not
/// a use: every C call that reads pool memory, and every copy out of it, runs inside
/// `withExtendedLifetime(pool)`.
final class CPool {
    let pool: UnsafeMutablePointer<amqp_pool_t>

    init(pageSize: Int = 4096) {
        pool = .allocate(capacity: 1)
        init_amqp_pool(pool, pageSize)
    }

    deinit {
        empty_amqp_pool(pool)
        pool.deallocate()
    }

    /// Uninitialised, pool-owned storage for `count` values of `T` (zero-filled).
    func allocate<T>(_ type: T.Type, count: Int) throws(AMQPError) -> UnsafeMutablePointer<T> {
        precondition(MemoryLayout<T>.alignment <= 8, "amqp_pool_alloc aligns to 8 bytes")
        let size = MemoryLayout<T>.stride * max(count, 1)
        guard let raw = amqp_pool_alloc(pool, size) else {
            throw AMQPError(.library(status: AMQP_STATUS_NO_MEMORY.rawValue, name: "AMQP_STATUS_NO_MEMORY"),
                            "Allocating \(size) bytes in an amqp_pool_t failed.")
        }
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: size)
        return raw.bindMemory(to: T.self, capacity: max(count, 1))
    }

    /// A pool-owned copy of `bytes`.
    func bytes(_ bytes: some Collection<UInt8>) throws(AMQPError) -> amqp_bytes_t {
        guard !bytes.isEmpty else { return amqp_bytes_t(len: 0, bytes: nil) }
        let storage = try allocate(UInt8.self, count: bytes.count)
        _ = UnsafeMutableBufferPointer(start: storage, count: bytes.count).initialize(from: bytes)
        return amqp_bytes_t(len: bytes.count, bytes: UnsafeMutableRawPointer(storage))
    }

    /// A pool-owned copy of the UTF-8 of `string`.
    func bytes(_ string: String) throws(AMQPError) -> amqp_bytes_t {
        try bytes(Array(string.utf8))
    }
}
