public import Foundation

/// Samples the broker's channels in the background while a check drives the stack, to catch
/// what no single look would: a consumer that held more than one unacknowledged delivery.
public actor ChannelSampler {
    /// One look at the broker.
    public struct Sample: Sendable, Codable, Hashable {
        public var at: Date
        public var channels: [ChannelStatus]
    }

    private let broker: BrokerProbe
    private let interval: Duration
    private var samples: [Sample] = []
    private var failures = 0
    private var task: Task<Void, Never>?

    public init(broker: BrokerProbe, interval: Duration = .milliseconds(250)) {
        self.broker = broker
        self.interval = interval
    }

    /// Runs `body` while sampling, and stops sampling however `body` ends.
    /// - Returns: what `body` returned, and the samples taken meanwhile.
    public static func sampling<Result: Sendable>(
        _ broker: BrokerProbe, every interval: Duration = .milliseconds(250), during body: () async throws -> Result
    ) async throws -> (Result, samples: [Sample], failures: Int) {
        let sampler = ChannelSampler(broker: broker, interval: interval)
        await sampler.start()
        do {
            let result = try await body()
            let (samples, failures) = await sampler.stop()
            return (result, samples, failures)
        } catch {
            _ = await sampler.stop()
            throw error
        }
    }

    /// Starts sampling until ``stop()``.
    public func start() {
        guard task == nil else { return }
        task = Task { [broker, interval] in
            while !Task.isCancelled {
                do {
                    let channels = try await broker.channels()
                    self.record(Sample(at: Date(), channels: channels))
                } catch {
                    self.recordFailure()
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Stops sampling and returns every sample taken, oldest first.
    public func stop() async -> (samples: [Sample], failures: Int) {
        task?.cancel()
        await task?.value
        task = nil
        return (samples, failures)
    }

    private func record(_ sample: Sample) {
        samples.append(sample)
    }

    private func recordFailure() {
        failures += 1
    }
}
