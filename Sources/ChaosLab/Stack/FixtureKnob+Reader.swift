extension FixtureKnob {
    /// The part of the reference stack that acts on a knob: every service receives the whole
    /// list, and only this part behaves differently for it.
    public enum Reader: String, Sendable, Hashable, Codable, CaseIterable {
        /// The API (`chaoslab-fixture api`): what it publishes and answers.
        case api
        /// The workers (`chaoslab-fixture worker`): how they consume and settle.
        case workers
        /// The broker: its definitions (the work queue's durability and dead-lettering, users)
        /// or the labels on its container that route the management UI. Switching such a knob
        /// means a broker with other queues, so the stack is recreated, volumes included.
        case broker
    }

    /// The part of the reference stack that acts on this knob.
    public var reader: Reader {
        switch self {
        case .autoAck, .prefetchUnlimited, .requeuePoison, .idleWorker2: .workers
        case .transientMessages, .acceptEmptyMessage, .nonJSONBody, .answerBeforePublish: .api
        case .nonDurableQueue, .noDeadLetter, .guestRemote, .monitorRouteMoved: .broker
        }
    }

    /// The readers that act differently with `knobs` on than with `current` on: what a switch
    /// from one set to the other must restart.
    public static func readers(switchingFrom current: Set<FixtureKnob>, to knobs: Set<FixtureKnob>) -> Set<Reader> {
        Set(current.symmetricDifference(knobs).map(\.reader))
    }
}

extension StackRoles {
    /// The services of this stack a switch of the reference fixtures' knobs from `current` to
    /// `knobs` must recreate (the API's, the workers'), or `nil` when the broker acts on one of
    /// the knobs switched and only a whole new stack is the one asked for. Empty when nothing
    /// read changes.
    public func servicesToRecreate(switchingKnobsFrom current: Set<FixtureKnob>, to knobs: Set<FixtureKnob>) -> [String]? {
        let readers = FixtureKnob.readers(switchingFrom: current, to: knobs)
        guard !readers.contains(.broker) else { return nil }
        var services: [String] = []
        if readers.contains(.api), let api {
            services.append(api.service)
        }
        if readers.contains(.workers) {
            services += workers
        }
        return services
    }
}
