import AMQPClient
import Foundation
import Testing

extension LiveStackTests {
    /// The AMQP client against a real broker: every test uses its own `chaoslab.test.<uuid>`
    /// names and deletes what it declared, whatever happens.
    @Suite("AMQP client against a live broker", .timeLimit(.minutes(1)))
    struct AMQPClientLiveTests {
        let configuration = LiveStack.amqpConfiguration

        // MARK: - Connections

        @Test("connects, negotiates the heartbeat, stays alive while idle, and closes")
        func connectHeartbeatAndClose() async throws {
            var configuration = configuration
            configuration.heartbeat = .seconds(1)
            configuration.connectionName = "chaoslab live test"
            let connection = try await AMQPConnection.connect(configuration)
            #expect(await connection.isOpen)
            #expect(await connection.heartbeat == .seconds(1))

            // Idle for more than twice the heartbeat: only the background heartbeats keep the
            // broker from closing the connection.
            try await Task.sleep(for: .milliseconds(3500))
            let channel = try await connection.openChannel()
            let name = uniqueName()
            try await channel.declareQueue(name, durable: false, exclusive: true)
            try await channel.deleteQueue(name)

            await connection.close()
            #expect(await !connection.isOpen)
            await connection.close()
            let started = ContinuousClock.now
            let error = await #expect(throws: AMQPError.self) { try await connection.openChannel() }
            #expect(error?.code == .invalidState)
            #expect(error?.message.contains("closed by this client") == true)
            await #expect(throws: AMQPError.self) { try await channel.declareQueue(name, passive: true) }
            #expect(ContinuousClock.now - started < .milliseconds(500))
        }

        @Test("a closed port fails at once with connectionFailed naming host:port")
        func closedPortFails() async throws {
            let port = try Self.unusedPort()
            let started = ContinuousClock.now
            let error = await #expect(throws: AMQPError.self) {
                _ = try await AMQPConnection.connect(AMQPConfiguration(port: port, connectTimeout: .seconds(2)))
            }
            #expect(ContinuousClock.now - started < .seconds(2))
            #expect(error?.code == .connectionFailed)
            #expect(error?.message.contains("127.0.0.1:\(port)") == true)
            #expect(error?.message.contains("AMQP_STATUS_") == true)
        }

        @Test("a listener that never speaks AMQP fails within the connect timeout")
        func silentListenerTimesOut() async throws {
            let listener = try SilentListener()
            defer { listener.close() }
            let started = ContinuousClock.now
            let error = await #expect(throws: AMQPError.self) {
                _ = try await AMQPConnection.connect(
                    AMQPConfiguration(port: listener.port, connectTimeout: .seconds(1)))
            }
            let elapsed = ContinuousClock.now - started
            #expect(elapsed >= .milliseconds(900) && elapsed < .seconds(3))
            #expect(error?.code == .connectionFailed)
            #expect(error?.message.contains("within 1 s") == true)
        }

        @Test("a wrong password fails with the broker's ACCESS_REFUSED")
        func wrongPasswordFails() async throws {
            var configuration = configuration
            configuration.password = "not-the-password"
            let error = await #expect(throws: AMQPError.self) {
                _ = try await AMQPConnection.connect(configuration)
            }
            #expect(error?.replyCode == 403)
            #expect(error?.message.contains("403") == true)
            #expect(error?.message.contains("ACCESS_REFUSED") == true)
            #expect(error?.message.contains(configuration.username) == true)
        }

        @Test("a virtual host that does not exist fails with the broker's NOT_ALLOWED")
        func missingVirtualHost() async throws {
            var configuration = configuration
            configuration.virtualHost = "chaoslab-missing-vhost"
            let error = await #expect(throws: AMQPError.self) {
                _ = try await AMQPConnection.connect(configuration)
            }
            #expect(error?.replyCode == 530)
            #expect(error?.message.contains("530") == true)
            #expect(error?.message.contains("chaoslab-missing-vhost") == true)
        }

        // MARK: - Topology

        @Test("declares, binds, purges and deletes with arguments; a mismatched redeclare is 406")
        func topologyWithArguments() async throws {
            try await withBroker { connection, channel, cleanup in
                let exchange = uniqueName()
                let queue = uniqueName()
                cleanup.exchanges.append(exchange)
                cleanup.queues.append(queue)
                let arguments: AMQPTable = ["x-max-length": 100, "x-message-ttl": .int32(60_000)]

                try await channel.declareExchange(exchange, type: "direct", durable: false)
                let declared = try await channel.declareQueue(queue, durable: false, arguments: arguments)
                #expect(declared == QueueState(name: queue, messageCount: 0, consumerCount: 0))
                try await channel.bindQueue(queue, to: exchange, routingKey: "key")

                try await channel.enablePublisherConfirms()
                for index in 0..<3 {
                    #expect(try await channel.publish("m\(index)", exchange: exchange, routingKey: "key") == .acked)
                }
                #expect(try await channel.declareQueue(queue, passive: true).messageCount == 3)
                #expect(try await channel.purgeQueue(queue) == 3)
                #expect(try await channel.declareQueue(queue, passive: true).messageCount == 0)

                let error = await #expect(throws: AMQPError.self) {
                    try await channel.declareQueue(queue, durable: false, arguments: ["x-max-length": 5])
                }
                #expect(error?.replyCode == 406)
                #expect(error?.message.contains("PRECONDITION_FAILED") == true)
                guard case .channelClosed(let id, 406, _)? = error?.code else {
                    Issue.record("expected channelClosed 406, got \(String(describing: error))")
                    return
                }
                #expect(id == channel.id)

                let other = try await connection.openChannel()
                #expect(try await other.deleteQueue(queue) == 0)
                try await other.deleteExchange(exchange)
                cleanup.queues.removeAll()
                cleanup.exchanges.removeAll()
            }
        }

        @Test("a passive declare of a missing queue closes the channel with 404; the connection stays usable")
        func passiveDeclareOfMissingQueue() async throws {
            try await withBroker { connection, channel, _ in
                let missing = uniqueName()
                let error = await #expect(throws: AMQPError.self) {
                    try await channel.declareQueue(missing, passive: true)
                }
                guard case .channelClosed(channel.id, 404, let text)? = error?.code else {
                    Issue.record("expected channelClosed 404, got \(String(describing: error))")
                    return
                }
                #expect(text.contains("NOT_FOUND"))
                #expect(error?.message.contains(missing) == true)

                let again = await #expect(throws: AMQPError.self) { try await channel.purgeQueue(missing) }
                #expect(again?.replyCode == 404)

                #expect(await connection.isOpen)
                let fresh = try await connection.openChannel()
                #expect(fresh.id != channel.id)
                let name = uniqueName()
                try await fresh.declareQueue(name, durable: false, exclusive: true)
                try await fresh.deleteQueue(name)
                try await channel.close()
            }
        }

        // MARK: - Publishing

        @Test("a persistent publish with confirms is acked and every property arrives intact")
        func persistentPublishIsAcked() async throws {
            try await withBroker { _, channel, cleanup in
                let queue = uniqueName()
                cleanup.queues.append(queue)
                try await channel.declareQueue(queue, durable: true)
                try await channel.enablePublisherConfirms()
                let properties = AMQPProperties(
                    contentType: "application/json", contentEncoding: "identity",
                    headers: ["trace": "t-1", "attempt": .int32(2), "nested": ["list": [1, "two", true]]],
                    deliveryMode: .persistent, priority: 3, correlationID: "corr-1", replyTo: "replies",
                    expiration: "60000", messageID: "id-1", timestamp: 1_767_225_600, type: "test.event",
                    userID: configuration.username, appID: "chaoslab-tests")
                let confirmation = try await channel.publish(
                    #"{"message":"héllo ✓"}"#, routingKey: queue, properties: properties)
                #expect(confirmation == .acked)

                let message = try #require(try await channel.get(queue: queue))
                #expect(message.bodyString == #"{"message":"héllo ✓"}"#)
                #expect(message.properties == properties)
                #expect(message.consumerTag == nil)
                #expect(message.messageCount == 0)
                #expect(message.routingKey == queue)
                #expect(message.exchange == "")
                try await channel.ack(message.deliveryTag)
            }
        }

        @Test("a mandatory publish that matches no queue is returned")
        func mandatoryUnroutableIsReturned() async throws {
            try await withBroker { _, channel, _ in
                try await channel.enablePublisherConfirms()
                let confirmation = try await channel.publish(
                    "nowhere", routingKey: uniqueName(), mandatory: true,
                    properties: AMQPProperties(deliveryMode: .persistent))
                #expect(confirmation == .returned(replyCode: 312, replyText: "NO_ROUTE"))
                // The channel and the confirm sequence stay in step afterwards.
                let queue = uniqueName()
                try await channel.declareQueue(queue, durable: false, exclusive: true)
                #expect(try await channel.publish("somewhere", routingKey: queue, mandatory: true) == .acked)
            }
        }

        @Test("a body larger than a frame arrives whole")
        func multiFrameBody() async throws {
            try await withBroker { _, channel, _ in
                let queue = uniqueName()
                try await channel.declareQueue(queue, durable: false, exclusive: true)
                try await channel.enablePublisherConfirms()
                let body = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
                #expect(try await channel.publish(body, routingKey: queue) == .acked)
                let message = try #require(try await channel.get(queue: queue, noAck: true))
                #expect(message.body == body)
            }
        }

        // MARK: - Consuming

        @Test("prefetch 1 with manual acks hands out one message at a time")
        func consumeWithPrefetchOne() async throws {
            try await withBroker { connection, channel, _ in
                let queue = uniqueName()
                try await channel.declareQueue(queue, durable: false, exclusive: true)
                try await channel.enablePublisherConfirms()
                for index in 1...3 { try await channel.publish("m\(index)", routingKey: queue) }

                try await channel.setPrefetch(count: 1)
                let tag = try await channel.consume(queue: queue)
                #expect(!tag.isEmpty)
                var received: [String] = []
                for _ in 1...3 {
                    let message = try #require(try await connection.nextDelivery(timeout: .seconds(5)))
                    #expect(message.consumerTag == tag)
                    #expect(message.channel == channel.id)
                    #expect(!message.redelivered)
                    received.append(message.bodyString ?? "")
                    // Unacked, the broker holds the next one back.
                    #expect(try await connection.nextDelivery(timeout: .milliseconds(300)) == nil)
                    try await channel.ack(message.deliveryTag)
                }
                #expect(received == ["m1", "m2", "m3"])
                try await channel.cancel(consumerTag: tag)
            }
        }

        @Test("a nack with requeue comes back with the redelivered flag")
        func nackRequeueRedelivers() async throws {
            try await withBroker { connection, channel, _ in
                let queue = uniqueName()
                try await channel.declareQueue(queue, durable: false, exclusive: true)
                try await channel.publish("again", routingKey: queue)
                try await channel.setPrefetch(count: 1)
                try await channel.consume(queue: queue)

                let first = try #require(try await connection.nextDelivery(timeout: .seconds(5)))
                #expect(!first.redelivered)
                try await channel.nack(first.deliveryTag, requeue: true)
                let second = try #require(try await connection.nextDelivery(timeout: .seconds(5)))
                #expect(second.redelivered)
                #expect(second.bodyString == "again")
                try await channel.ack(second.deliveryTag)
            }
        }

        @Test("a reject without requeue dead-letters the message with an x-death header")
        func rejectDeadLetters() async throws {
            try await withBroker { connection, channel, cleanup in
                let work = uniqueName()
                let dead = uniqueName()
                let dlx = uniqueName()
                cleanup.queues += [work, dead]
                cleanup.exchanges.append(dlx)
                try await channel.declareExchange(dlx, type: "direct", durable: false)
                try await channel.declareQueue(dead, durable: false)
                try await channel.bindQueue(dead, to: dlx, routingKey: "dead")
                try await channel.declareQueue(work, durable: false, arguments: [
                    "x-dead-letter-exchange": .string(dlx), "x-dead-letter-routing-key": "dead",
                ])
                try await channel.enablePublisherConfirms()
                try await channel.publish("poison", routingKey: work,
                                          properties: AMQPProperties(messageID: "poison-1"))

                try await channel.consume(queue: work)
                let delivery = try #require(try await connection.nextDelivery(timeout: .seconds(5)))
                let before = UInt64(Date().timeIntervalSince1970)
                try await channel.reject(delivery.deliveryTag, requeue: false)

                var deadLettered: AMQPMessage?
                for _ in 0..<50 where deadLettered == nil {
                    deadLettered = try await channel.get(queue: dead)
                    if deadLettered == nil { try await Task.sleep(for: .milliseconds(20)) }
                }
                let message = try #require(deadLettered)
                #expect(message.bodyString == "poison")
                #expect(message.properties.messageID == "poison-1")
                let deaths = try #require(message.properties.headers?["x-death"]?.arrayValue)
                #expect(deaths.count == 1)
                let death = try #require(deaths.first?.tableValue)
                #expect(death["reason"]?.stringValue == "rejected")
                #expect(death["count"]?.intValue == 1)
                #expect(death["queue"]?.stringValue == work)
                #expect(death["exchange"]?.stringValue == "")
                #expect(death["routing-keys"]?.arrayValue == [.string(work)])
                let time = try #require(death["time"]?.timestampValue)
                #expect(time + 5 >= before && time <= before + 5)
                #expect(message.properties.headers?["x-first-death-reason"]?.stringValue == "rejected")
                try await channel.ack(message.deliveryTag)
            }
        }

        @Test("basic.get returns nil on an empty queue and the message count otherwise")
        func basicGet() async throws {
            try await withBroker { _, channel, _ in
                let queue = uniqueName()
                try await channel.declareQueue(queue, durable: false, exclusive: true)
                #expect(try await channel.get(queue: queue) == nil)
                try await channel.enablePublisherConfirms()
                try await channel.publish("one", routingKey: queue)
                try await channel.publish("two", routingKey: queue)
                let first = try #require(try await channel.get(queue: queue))
                #expect(first.bodyString == "one")
                #expect(first.messageCount == 1)
                try await channel.ack(first.deliveryTag)
                let second = try #require(try await channel.get(queue: queue, noAck: true))
                #expect(second.bodyString == "two")
                #expect(second.messageCount == 0)
                #expect(try await channel.get(queue: queue) == nil)
            }
        }

        @Test("deliveries that arrive while a publish waits for its confirm are kept")
        func deliveriesDuringConfirmWaitsAreKept() async throws {
            try await withBroker { connection, consumer, _ in
                let queue = uniqueName()
                try await consumer.declareQueue(queue, durable: false, exclusive: true)
                try await consumer.consume(queue: queue, noAck: true)
                let publisher = try await connection.openChannel()
                try await publisher.enablePublisherConfirms()
                for index in 0..<20 {
                    #expect(try await publisher.publish("m\(index)", routingKey: queue) == .acked)
                }
                var bodies: [String] = []
                while let message = try await connection.nextDelivery(timeout: .seconds(2)) {
                    bodies.append(message.bodyString ?? "")
                    if bodies.count == 20 { break }
                }
                #expect(bodies == (0..<20).map { "m\($0)" })
            }
        }

        @Test("an ack with an unknown tag closes the channel with 406; nextDelivery reports it")
        func unknownDeliveryTag() async throws {
            try await withBroker { connection, channel, _ in
                let queue = uniqueName()
                try await channel.declareQueue(queue, durable: false, exclusive: false, autoDelete: true)
                try await channel.consume(queue: queue)
                try await channel.ack(999)
                let error = await #expect(throws: AMQPError.self) {
                    _ = try await connection.nextDelivery(timeout: .seconds(5))
                }
                #expect(error?.replyCode == 406)
                #expect(await connection.isOpen)
                #expect(try await connection.nextDelivery(timeout: .milliseconds(100)) == nil)
            }
        }

        @Test("headers too large for a frame are refused and the connection stays usable")
        func oversizedHeaders() async throws {
            try await withBroker { _, channel, _ in
                let queue = uniqueName()
                try await channel.declareQueue(queue, durable: false, exclusive: true)
                try await channel.enablePublisherConfirms()
                let huge = AMQPProperties(headers: ["blob": .bytes(Array(repeating: 1, count: 200_000))])
                let error = await #expect(throws: AMQPError.self) {
                    try await channel.publish("x", routingKey: queue, properties: huge)
                }
                #expect(error?.code == .invalidState)
                #expect(try await channel.publish("y", routingKey: queue) == .acked)
                #expect(try await channel.get(queue: queue, noAck: true)?.bodyString == "y")
            }
        }

        @Test("a channel closed by the client refuses further calls; others keep working")
        func clientChannelClose() async throws {
            try await withBroker { connection, channel, _ in
                try await channel.close()
                try await channel.close()
                let error = await #expect(throws: AMQPError.self) { try await channel.setPrefetch(count: 1) }
                #expect(error?.code == .invalidState)
                #expect(error?.message.contains("channel \(channel.id)") == true)
                let other = try await connection.openChannel()
                try await other.setPrefetch(count: 1)
            }
        }

        @Test("publishes from many tasks on one channel are confirmed one by one")
        func concurrentConfirmedPublishes() async throws {
            try await withBroker { connection, channel, _ in
                let queue = uniqueName()
                try await channel.declareQueue(queue, durable: false, exclusive: true)
                try await channel.enablePublisherConfirms()
                let outcomes = try await withThrowingTaskGroup(of: PublishConfirmation.self) { group in
                    for index in 0..<200 {
                        group.addTask { try await channel.publish("m\(index)", routingKey: queue) }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(outcomes.count == 200)
                #expect(outcomes.allSatisfy { $0 == .acked })
                #expect(try await channel.declareQueue(queue, passive: true).messageCount == 200)
                _ = connection
            }
        }

        @Test("pipelined publishes get every confirm back, each once, with returns and the window refilled")
        func pipelinedPublishes() async throws {
            try await withBroker { _, channel, _ in
                let queue = uniqueName()
                try await channel.declareQueue(queue, durable: false, exclusive: true)
                let message = AMQPOutgoingMessage("m", routingKey: queue, mandatory: true)
                await #expect(throws: AMQPError.self) { try await channel.publishPipelined([message]) }
                try await channel.enablePublisherConfirms()
                var sent: [UInt64] = []
                var confirmed: [ConfirmedPublish] = []
                while confirmed.count < 2_000 {
                    if sent.count < 2_000, sent.count - confirmed.count < 100 {
                        let unroutable = sent.count == 500
                        sent += try await channel.publishPipelined([
                            AMQPOutgoingMessage("m\(sent.count)", routingKey: unroutable ? uniqueName() : queue, mandatory: true),
                        ])
                    }
                    confirmed += try await channel.confirmedPublishes(timeout: sent.count - confirmed.count < 100 ? .zero : .seconds(5))
                }
                // Every publish settled once; not necessarily in order (measured: the unroutable
                // publish's ack came ahead of the three before it, on a busy machine).
                #expect(confirmed.map(\.sequence).sorted() == sent)
                let bySequence = Dictionary(confirmed.map { ($0.sequence, $0.confirmation) }, uniquingKeysWith: { first, _ in first })
                #expect(bySequence[sent[500]] == .returned(replyCode: 312, replyText: "NO_ROUTE"))
                #expect(confirmed.filter { $0.confirmation == .acked }.count == 1_999)
                #expect(try await channel.declareQueue(queue, passive: true).messageCount == 1_999)
                #expect(try await channel.confirmedPublishes(timeout: .milliseconds(50)).isEmpty)
            }
        }

        @Test("a batch publish returns every message's confirm, in order")
        func batchPublish() async throws {
            try await withBroker { _, channel, _ in
                let queue = uniqueName()
                try await channel.declareQueue(queue, durable: false, exclusive: true)
                try await channel.enablePublisherConfirms()
                let messages = (0..<500).map { index in
                    AMQPOutgoingMessage("b\(index)", routingKey: index == 7 ? uniqueName() : queue, mandatory: true,
                                        properties: AMQPProperties(deliveryMode: .persistent))
                }
                let outcomes = try await channel.publishBatch(messages)
                #expect(outcomes.count == 500)
                #expect(outcomes[7] == .returned(replyCode: 312, replyText: "NO_ROUTE"))
                #expect(outcomes.enumerated().allSatisfy { $0.offset == 7 || $0.element == .acked })
                #expect(try await channel.publish("after", routingKey: queue) == .acked)
                #expect(try await channel.declareQueue(queue, passive: true).messageCount == 500)
            }
        }

        @Test("a consumer task waiting for deliveries does not stall publishers on the same connection")
        func waitingDoesNotStallOthers() async throws {
            try await withBroker { connection, channel, _ in
                let queue = uniqueName()
                try await channel.declareQueue(queue, durable: false, exclusive: true)
                let waiter = Task { try await connection.nextDelivery(timeout: .seconds(10)) }
                try await Task.sleep(for: .milliseconds(100))
                let started = ContinuousClock.now
                let publisher = try await connection.openChannel()
                try await publisher.enablePublisherConfirms()
                #expect(try await publisher.publish("late", routingKey: queue) == .acked)
                #expect(ContinuousClock.now - started < .seconds(1))
                try await channel.consume(queue: queue, noAck: true)
                #expect(try await waiter.value?.bodyString == "late")
            }
        }

        @Test("cancelling a delivery wait ends it at once; a zero timeout still reads what arrived")
        func cancellationAndZeroTimeout() async throws {
            try await withBroker { connection, channel, _ in
                let queue = uniqueName()
                try await channel.declareQueue(queue, durable: false, exclusive: true)
                try await channel.consume(queue: queue, noAck: true)
                let waiter = Task { try await connection.nextDelivery(timeout: .seconds(30)) }
                try await Task.sleep(for: .milliseconds(100))
                let started = ContinuousClock.now
                waiter.cancel()
                await #expect(throws: CancellationError.self) { _ = try await waiter.value }
                #expect(ContinuousClock.now - started < .milliseconds(150))
                #expect(await connection.isOpen)

                // Published from another connection, so the delivery is only on the socket.
                let other = try await AMQPConnection.connect(configuration)
                let publisher = try await other.openChannel()
                try await publisher.enablePublisherConfirms()
                try await publisher.publish("ready", routingKey: queue)
                await other.close()
                var message: AMQPMessage?
                for _ in 0..<100 where message == nil {
                    message = try await connection.nextDelivery(timeout: .zero)
                    if message == nil { try await Task.sleep(for: .milliseconds(10)) }
                }
                #expect(message?.bodyString == "ready")
            }
        }

        // MARK: - Faults between client and broker

        @Test("a cut connection fails the waiting call at once and every later call fast")
        func cutConnection() async throws {
            let proxy = try FaultProxy(upstreamPort: configuration.port)
            defer { proxy.close() }
            var configuration = configuration
            configuration.port = proxy.port
            let connection = try await AMQPConnection.connect(configuration)
            let channel = try await connection.openChannel()
            let waiter = Task { try await connection.nextDelivery(timeout: .seconds(20)) }
            try await Task.sleep(for: .milliseconds(200))
            let started = ContinuousClock.now
            proxy.cut()
            let error = await #expect(throws: AMQPError.self) { _ = try await waiter.value }
            #expect(ContinuousClock.now - started < .seconds(1))
            guard case .connectionClosed(0, let reason)? = error?.code else {
                Issue.record("expected connectionClosed(0, ...), got \(String(describing: error))")
                return
            }
            #expect(reason.hasPrefix("AMQP_STATUS_"))
            #expect(await !connection.isOpen)
            let later = ContinuousClock.now
            let again = await #expect(throws: AMQPError.self) { try await channel.setPrefetch(count: 1) }
            #expect(again == error)
            await #expect(throws: AMQPError.self) { _ = try await connection.openChannel() }
            #expect(ContinuousClock.now - later < .milliseconds(200))
            await connection.close()
        }

        @Test("a broker that stops answering is noticed by the heartbeat")
        func heartbeatTimeout() async throws {
            let proxy = try FaultProxy(upstreamPort: configuration.port)
            defer { proxy.close() }
            var configuration = configuration
            configuration.port = proxy.port
            configuration.heartbeat = .seconds(1)
            let connection = try await AMQPConnection.connect(configuration)
            let idle = try await AMQPConnection.connect(configuration)
            proxy.freeze()
            let started = ContinuousClock.now
            let error = await #expect(throws: AMQPError.self) {
                _ = try await connection.nextDelivery(timeout: .seconds(20))
            }
            let elapsed = ContinuousClock.now - started
            #expect(elapsed >= .milliseconds(900) && elapsed < .seconds(4))
            #expect(error?.code == .connectionClosed(replyCode: 0, replyText: "AMQP_STATUS_HEARTBEAT_TIMEOUT"))
            #expect(await !connection.isOpen)

            // A connection nobody uses notices too, through its background heartbeat service.
            try await Task.sleep(until: started + .seconds(4))
            #expect(await !idle.isOpen)
            let idleError = await #expect(throws: AMQPError.self) { _ = try await idle.openChannel() }
            #expect(idleError?.code == .connectionClosed(replyCode: 0, replyText: "AMQP_STATUS_HEARTBEAT_TIMEOUT"))
        }

        @Test("a synchronous method without a reply times out and ends the connection")
        func rpcTimeout() async throws {
            let proxy = try FaultProxy(upstreamPort: configuration.port)
            defer { proxy.close() }
            var configuration = configuration
            configuration.port = proxy.port
            configuration.heartbeat = .zero
            configuration.operationTimeout = .seconds(1)
            let connection = try await AMQPConnection.connect(configuration)
            let channel = try await connection.openChannel()
            proxy.freeze()
            let started = ContinuousClock.now
            let error = await #expect(throws: AMQPError.self) {
                try await channel.declareQueue(uniqueName(), durable: false, exclusive: true)
            }
            let elapsed = ContinuousClock.now - started
            #expect(elapsed >= .milliseconds(900) && elapsed < .seconds(2))
            #expect(error?.code == .timedOut)
            #expect(error?.message.contains("queue.declare") == true)
            let later = await #expect(throws: AMQPError.self) { try await channel.setPrefetch(count: 1) }
            #expect(later?.code == .connectionClosed(replyCode: 0, replyText: "AMQP_STATUS_TIMEOUT"))
        }

        @Test("a confirm that does not come times out; the connection survives")
        func confirmTimeout() async throws {
            let proxy = try FaultProxy(upstreamPort: configuration.port)
            defer { proxy.close() }
            var configuration = configuration
            configuration.port = proxy.port
            try await withBroker(configuration) { connection, channel, _ in
                let queue = uniqueName()
                try await channel.declareQueue(queue, durable: false, exclusive: true)
                try await channel.enablePublisherConfirms()
                proxy.freeze()
                let started = ContinuousClock.now
                let error = await #expect(throws: AMQPError.self) {
                    try await channel.publish("stuck", routingKey: queue, confirmTimeout: .milliseconds(500))
                }
                #expect(ContinuousClock.now - started < .seconds(2))
                #expect(error?.code == .timedOut)
                #expect(await connection.isOpen)
                proxy.thaw()
                #expect(try await channel.publish("free", routingKey: queue) == .acked)
                #expect(try await channel.declareQueue(queue, passive: true).messageCount == 2)
            }
        }

        @Test("writes to a broker that stopped reading fail within the operation timeout")
        func blockedWrites() async throws {
            let proxy = try FaultProxy(upstreamPort: configuration.port)
            defer { proxy.close() }
            var configuration = configuration
            configuration.port = proxy.port
            configuration.heartbeat = .zero
            configuration.operationTimeout = .seconds(1)
            let connection = try await AMQPConnection.connect(configuration)
            let channel = try await connection.openChannel()
            proxy.freeze()
            let body = [UInt8](repeating: 0x42, count: 1 << 20)
            var failure: AMQPError?
            var slowest = Duration.zero
            for _ in 0..<200 where failure == nil {
                let started = ContinuousClock.now
                do {
                    try await channel.publish(body, routingKey: "chaoslab.test.blackhole")
                } catch let error as AMQPError {
                    failure = error
                }
                slowest = max(slowest, ContinuousClock.now - started)
            }
            #expect(failure?.code == .timedOut)
            #expect(slowest >= .milliseconds(900) && slowest < .seconds(3))
            #expect(await !connection.isOpen)
        }

        // MARK: - Support

        /// Names the broker will not have seen before.
        func uniqueName() -> String {
            "chaoslab.test.\(UUID().uuidString.lowercased())"
        }

        /// Queues and exchanges a test declared, deleted after it on a fresh channel.
        final class Cleanup: @unchecked Sendable {
            var queues: [String] = []
            var exchanges: [String] = []
        }

        /// Runs `body` with a connection and a channel; always deletes what `cleanup` lists and
        /// closes the connection.
        func withBroker(
            _ configuration: AMQPConfiguration? = nil,
            _ body: (AMQPConnection, AMQPChannel, Cleanup) async throws -> Void
        ) async throws {
            let connection = try await AMQPConnection.connect(configuration ?? self.configuration)
            let cleanup = Cleanup()
            var failure: (any Error)?
            do {
                let channel = try await connection.openChannel()
                try await body(connection, channel, cleanup)
            } catch {
                failure = error
            }
            if !cleanup.queues.isEmpty || !cleanup.exchanges.isEmpty {
                let janitor = try await AMQPConnection.connect(self.configuration)
                let channel = try await janitor.openChannel()
                for queue in cleanup.queues { try await channel.deleteQueue(queue) }
                for exchange in cleanup.exchanges { try await channel.deleteExchange(exchange) }
                await janitor.close()
            }
            await connection.close()
            if let failure { throw failure }
        }

        /// A loopback port nothing listens on (bound, then released).
        static func unusedPort() throws -> Int {
            let listener = try SilentListener()
            let port = listener.port
            listener.close()
            return port
        }

        /// A loopback TCP proxy in front of the broker that can cut its connections or stop
        /// forwarding (a hung or partitioned broker), for the faults a client must survive.
        final class FaultProxy: @unchecked Sendable {
            let port: Int
            private let listener: SilentListener
            private let upstreamPort: Int
            private let lock = NSLock()
            // Guarded by `lock`.
            private var sockets: [Int32] = []
            private var frozen = false
            private var closed = false

            init(upstreamPort: Int) throws {
                listener = try SilentListener()
                port = listener.port
                self.upstreamPort = upstreamPort
                Thread.detachNewThread { [self] in acceptLoop() }
            }

            /// Stops reading in both directions: bytes pile up in socket buffers, nothing arrives.
            func freeze() { lock.withLock { frozen = true } }

            func thaw() { lock.withLock { frozen = false } }

            /// Shuts every proxied socket down, as a dying broker host would.
            func cut() {
                lock.withLock {
                    for socket in sockets { _ = shutdown(socket, Int32(SHUT_RDWR)) }
                }
            }

            func close() {
                lock.withLock { closed = true }
                cut()
                _ = shutdown(listener.descriptor, Int32(SHUT_RDWR))
                listener.close()
            }

            private var isFrozen: Bool { lock.withLock { frozen } }

            private func acceptLoop() {
                while true {
                    let client = accept(listener.descriptor, nil, nil)
                    guard client >= 0, !lock.withLock({ closed }) else { return }
                    let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                    var address = sockaddr_in()
                    address.sin_family = sa_family_t(AF_INET)
                    address.sin_addr.s_addr = inet_addr("127.0.0.1")
                    address.sin_port = UInt16(upstreamPort).bigEndian
                    let connected = withUnsafePointer(to: &address) { pointer in
                        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                            connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                        }
                    }
                    guard connected else {
                        _ = Foundation.close(client)
                        _ = Foundation.close(upstream)
                        continue
                    }
                    lock.withLock { sockets += [client, upstream] }
                    let pair = PumpPair()
                    Thread.detachNewThread { [self] in
                        pump(from: client, to: upstream)
                        finish(pair, client, upstream)
                    }
                    Thread.detachNewThread { [self] in
                        pump(from: upstream, to: client)
                        finish(pair, client, upstream)
                    }
                }
            }

            /// Counts the finished directions of one proxied connection.
            final class PumpPair: @unchecked Sendable {
                var finished = 0
            }

            /// The second direction to end closes both sockets, so no pump uses a closed one.
            private func finish(_ pair: PumpPair, _ client: Int32, _ upstream: Int32) {
                let last = lock.withLock {
                    pair.finished += 1
                    guard pair.finished == 2 else { return false }
                    sockets.removeAll { $0 == client || $0 == upstream }
                    return true
                }
                if last {
                    _ = Foundation.close(client)
                    _ = Foundation.close(upstream)
                }
            }

            private func pump(from source: Int32, to destination: Int32) {
                var buffer = [UInt8](repeating: 0, count: 65_536)
                defer {
                    _ = shutdown(source, Int32(SHUT_RDWR))
                    _ = shutdown(destination, Int32(SHUT_RDWR))
                }
                while true {
                    if isFrozen {
                        usleep(20_000)
                        // A cut while frozen must still end the pump.
                        var probe = pollfd(fd: source, events: 0, revents: 0)
                        if poll(&probe, 1, 0) > 0, probe.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return }
                        continue
                    }
                    var ready = pollfd(fd: source, events: Int16(POLLIN), revents: 0)
                    guard poll(&ready, 1, 50) >= 0 else { return }
                    // Frozen while polling: data that arrived after `freeze()` must stay unread.
                    guard ready.revents != 0, !isFrozen else { continue }
                    let count = buffer.withUnsafeMutableBytes { recv(source, $0.baseAddress, $0.count, 0) }
                    guard count > 0 else { return }
                    var sent = 0
                    while sent < count {
                        let written = buffer.withUnsafeBytes {
                            send(destination, $0.baseAddress! + sent, count - sent, Int32(MSG_NOSIGNAL))
                        }
                        guard written > 0 else { return }
                        sent += written
                    }
                }
            }
        }

        /// A loopback TCP listener that never accepts: the kernel completes the handshake, and then
        /// nothing ever answers, like a hung broker.
        final class SilentListener: Sendable {
            let descriptor: Int32
            let port: Int

            init() throws {
                let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_addr.s_addr = inet_addr("127.0.0.1")
                address.sin_port = 0
                var length = socklen_t(MemoryLayout<sockaddr_in>.size)
                let bound = withUnsafeMutablePointer(to: &address) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                        bind(descriptor, generic, length) == 0 && listen(descriptor, 8) == 0
                            && getsockname(descriptor, generic, &length) == 0
                    }
                }
                guard descriptor >= 0, bound else {
                    _ = Foundation.close(descriptor)
                    throw POSIXError(.EADDRNOTAVAIL)
                }
                self.descriptor = descriptor
                port = Int(UInt16(bigEndian: address.sin_port))
            }

            func close() {
                _ = Foundation.close(descriptor)
            }
        }
    }
}
