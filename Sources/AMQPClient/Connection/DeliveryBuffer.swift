/// Deliveries read from the socket but not yet handed out by `nextDelivery`, oldest first.
struct DeliveryBuffer: Sendable {
    private var storage: [AMQPMessage] = []
    private var head = 0

    var isEmpty: Bool { head == storage.count }
    var count: Int { storage.count - head }

    mutating func append(_ message: AMQPMessage) {
        storage.append(message)
    }

    mutating func popFirst() -> AMQPMessage? {
        guard head < storage.count else { return nil }
        let message = storage[head]
        head += 1
        if head == storage.count {
            storage.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 256, head * 2 >= storage.count {
            storage.removeFirst(head)
            head = 0
        }
        return message
    }

    /// Drops the deliveries of a channel that closed: their tags can no longer be acknowledged,
    /// and the broker requeues them.
    mutating func removeAll(onChannel channel: UInt16) {
        storage = storage[head...].filter { $0.channel != channel }
        head = 0
    }

    mutating func removeAll() {
        storage.removeAll()
        head = 0
    }
}
