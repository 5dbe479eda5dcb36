extension ChannelState {
    /// What a publish just written on the channel still waits for.
    enum PublishSettlement: Sendable, Equatable {
        /// The broker's confirm of this sequence number.
        case confirm(sequence: UInt64)
        /// Nothing: this is all that will be known of the publish.
        case settled(PublishConfirmation)
    }

    /// Registers a publish written on this channel; `returnable` is the content of a mandatory
    /// publish, nil otherwise; `waiter` says who takes the confirm.
    mutating func registerPublish(
        returnable: ConfirmTracker.Content?, waiter: ConfirmTracker.Waiter = .publisher
    ) -> PublishSettlement {
        guard let sequence = confirms?.registerPublish(returnable: returnable, waiter: waiter) else {
            return .settled(.unconfirmed)
        }
        return .confirm(sequence: sequence)
    }
}
