/// What showed the lab that a delivery was settled (or not), for the report.
public enum Settlement: String, Sendable, Codable, Hashable {
    /// The consumer does not acknowledge: the broker forgot the message when it sent it.
    case autoAck = "auto-ack"
    /// The same channel, limited to one unacknowledged delivery, got its next delivery.
    case nextDelivery = "next delivery on the channel"
    /// The queue held nothing, ready or unacknowledged, afterwards.
    case drained = "queue drained"
    /// It turned up dead-lettered out of this queue (`x-death`).
    case deadLettered = "dead-lettered"
    /// It came back, flagged redelivered, while its channel lived on: a requeue.
    case requeued = "delivered again while the channel lived on"
    /// It came back, flagged redelivered, after its channel went quiet: the consumer went away
    /// with it.
    case consumerGone = "delivered again after the consumer went away"
    /// Nothing showed it settled while the lab watched.
    case none = "not settled while watched"
}
