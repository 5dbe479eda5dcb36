public import Foundation

/// A message the broker delivered again with the redelivered flag set: who had it first, who
/// got it after, and how long that took.
public struct RedeliveredMessage: Sendable, Codable, Hashable, CustomStringConvertible {
    /// One delivery of the message.
    public struct Delivery: Sendable, Codable, Hashable {
        /// Who received it; `nil` when the source could not say.
        public var worker: String?
        /// When.
        public var time: Date

        public init(worker: String?, time: Date) {
            self.worker = worker
            self.time = time
        }
    }

    /// The message id.
    public var id: String
    /// The original delivery (redelivered flag clear); `nil` when no source saw it, e.g. a
    /// worker killed before it logged anything.
    public var firstDelivery: Delivery?
    /// Every delivery flagged as a redelivery, in time order; never empty.
    public var redeliveries: [Delivery]

    public init(id: String, firstDelivery: Delivery?, redeliveries: [Delivery]) {
        self.id = id
        self.firstDelivery = firstDelivery
        self.redeliveries = redeliveries
    }

    /// Who got the first redelivery.
    public var redeliveredTo: String? {
        redeliveries.first?.worker
    }

    /// From the original delivery to the first redelivery, to the millisecond; `nil` when the
    /// original delivery was not seen.
    public var delay: Duration? {
        guard let first = firstDelivery, let again = redeliveries.first else { return nil }
        return .milliseconds(Int64((again.time.timeIntervalSince(first.time) * 1000).rounded()))
    }

    /// E.g. "m-3 was delivered to worker1 and redelivered to worker2 8.214 s later".
    public var description: String {
        let again = redeliveries.first.map { " and redelivered\(Self.to($0.worker))" } ?? ""
        var text: String
        if let first = firstDelivery, let delay {
            text = "\(id) was delivered\(Self.to(first.worker))\(again) \(delay.secondsText) later"
        } else {
            text = "\(id) was redelivered\(redeliveredTo.map { " to \($0)" } ?? ""); its first delivery was not seen"
        }
        if redeliveries.count > 1 {
            text += " (\(redeliveries.count) redeliveries in all)"
        }
        return text
    }

    private static func to(_ worker: String?) -> String {
        worker.map { " to \($0)" } ?? ""
    }
}
