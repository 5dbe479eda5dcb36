// Publishing many messages without waiting for each confirm in turn: the publisher keeps a
// window of publishes in flight and collects the broker's verdicts as they come.
extension AMQPConnection {
    func publishPipelined(channel: UInt16, messages: [AMQPOutgoingMessage]) throws(AMQPError) -> [UInt64] {
        try requireConfirmMode(channel, for: "A pipelined publish")
        var sequences: [UInt64] = []
        sequences.reserveCapacity(messages.count)
        for message in messages {
            let operation = Self.publishOperation(message)
            try requireChannel(channel, for: operation)
            guard case .confirm(let sequence) = try write(message, on: channel, operation: operation, waiter: .pipeline) else {
                // confirm.select cannot be undone, so only a broker close gets here, and that
                // throws above first.
                throw AMQPError(.invalidState, "\(operation) on channel \(channel) left confirm mode.")
            }
            sequences.append(sequence)
        }
        return sequences
    }

    func confirmedPublishes(channel: UInt16, timeout: Duration) async throws -> [ConfirmedPublish] {
        let operation = "Waiting for the confirms of pipelined publishes on channel \(channel)"
        try requireConfirmMode(channel, for: operation)
        let settled = try await wait(until: .now + timeout, operation: operation, cancellable: true) {
            () throws(AMQPError) -> [ConfirmedPublish]? in
            let settled = channels[channel]?.confirms?.takePipelined() ?? []
            if !settled.isEmpty { return settled }
            try requireChannel(channel, for: operation)
            return nil
        }
        return settled ?? []
    }

    func publishBatch(
        channel: UInt16, messages: [AMQPOutgoingMessage], confirmTimeout: Duration
    ) async throws -> [PublishConfirmation?] {
        try requireConfirmMode(channel, for: "A batch publish")
        var pending: [(index: Int, sequence: UInt64)] = []
        var outcomes = [PublishConfirmation?](repeating: nil, count: messages.count)
        for (index, message) in messages.enumerated() {
            let operation = Self.publishOperation(message)
            try requireChannel(channel, for: operation)
            if case .confirm(let sequence) = try write(message, on: channel, operation: operation, waiter: .publisher) {
                pending.append((index, sequence))
            }
        }
        let operation = "Waiting for the confirms of \(messages.count) publishes on channel \(channel)"
        do {
            _ = try await wait(until: .now + confirmTimeout, operation: operation, cancellable: true) {
                () throws(AMQPError) -> Void? in
                pending.removeAll { index, sequence in
                    guard let outcome = channels[channel]?.confirms?.take(sequence) else { return false }
                    outcomes[index] = outcome
                    return true
                }
                if pending.isEmpty { return () }
                try requireChannel(channel, for: operation)
                return nil
            }
        } catch {
            abandon(pending.map(\.sequence), on: channel)
            throw error
        }
        abandon(pending.map(\.sequence), on: channel)
        return outcomes
    }

    /// The publishers of `sequences` stopped waiting.
    private func abandon(_ sequences: [UInt64], on channel: UInt16) {
        for sequence in sequences { channels[channel]?.confirms?.abandon(sequence) }
    }

    /// Fails unless `channel` is open and in confirm mode: without confirms a pipelined publish
    /// would never learn anything.
    private func requireConfirmMode(_ channel: UInt16, for operation: String) throws(AMQPError) {
        try requireChannel(channel, for: operation)
        guard channels[channel]?.confirms != nil else {
            throw AMQPError(.invalidState, "\(operation) needs publisher confirms: call enablePublisherConfirms() on channel \(channel) first.")
        }
    }
}
