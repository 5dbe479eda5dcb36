/// What a connection knows about one of its channels.
struct ChannelState: Sendable {
    enum Status: Sendable, Equatable {
        case open
        /// The broker closed it; every later call on it reports this close.
        case closedByBroker(replyCode: UInt16, replyText: String)
    }

    var status: Status = .open
    /// Set by confirm.select; nil while the channel is not in confirm mode.
    var confirms: ConfirmTracker?
    /// Consumers started on this channel and not cancelled.
    var consumers: Set<String> = []
    /// A synchronous method is awaiting its reply: AMQP allows one at a time per channel.
    var rpcInFlight = false
    /// A broker close of a consuming channel that `nextDelivery` has not reported yet.
    var closeUnreported = false
}
