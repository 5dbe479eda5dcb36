/// A fault knob: each one breaks exactly one guarantee of the reference stack, so that a check
/// can be shown to fail for the reason it guards.
///
/// Every service receives the same `CHAOSLAB_KNOBS` list and acts only on the knobs that
/// concern it; the broker-side knobs are accepted here so that one list fits all services.
enum Knob: String, Sendable, Codable, Hashable, CaseIterable {
    /// The worker consumes with no-ack: a killed worker loses its in-flight messages.
    case autoAck = "auto-ack"
    /// The worker sets basic.qos 0: the broker pushes every ready message to one consumer.
    case prefetchUnlimited = "prefetch-unlimited"
    /// The worker rejects poison with requeue=true: it comes back forever, never dead-lettered.
    case requeuePoison = "requeue-poison"
    /// The API publishes with delivery mode 1: messages do not survive a broker restart.
    case transientMessages = "transient-messages"
    /// The broker declares the work queue non-durable (broker side only).
    case nonDurableQueue = "non-durable-queue"
    /// The broker declares the work queue without dead-letter arguments (broker side only).
    case noDeadLetter = "no-dead-letter"
    /// The worker with id `worker2` connects and checks the queue but never consumes, like a
    /// worker subscribed to the wrong queue: the other worker gets every message.
    case idleWorker2 = "idle-worker2"
    /// The API publishes a missing or empty `message` instead of answering 400.
    case acceptEmptyMessage = "accept-empty-message"
    /// The API publishes Python's `str(dict)` text (`{'id': '…', 'message': '…'}`) instead of
    /// JSON, as a student's `body=str(message)` does.
    case nonJSONBody = "non-json-body"
    /// The API answers "Message sent" at once and publishes about 300 ms later in the
    /// background, as an API that hands the publish to a thread and returns does: the client
    /// is told the message is safe before the broker has it.
    case answerBeforePublish = "answer-before-publish"
    /// The broker creates guest/guest and lets it log in from anywhere (broker side only).
    case guestRemote = "guest-remote"
    /// Traefik routes the management UI under `/moved` instead of `/monitor` (compose side only:
    /// the compose file reads `CHAOSLAB_MONITOR_PREFIX`).
    case monitorRouteMoved = "monitor-route-moved"
}

extension Knob {
    /// Parses a comma-separated list; blanks around names and empty items are ignored.
    ///
    /// - Throws: ``ConfigurationError`` naming `variable` and the whole value when a name is
    ///   not a knob.
    static func parseList(_ value: String, variable: String) throws(ConfigurationError) -> Set<Knob> {
        var knobs: Set<Knob> = []
        for item in value.split(separator: ",") {
            let name = item.trimmingWhitespace()
            guard !name.isEmpty else { continue }
            guard let knob = Knob(rawValue: name) else {
                let known = Knob.allCases.map(\.rawValue).joined(separator: ", ")
                throw ConfigurationError(
                    variable: variable, value: value,
                    reason: "\"\(name)\" is not a fault knob (known knobs: \(known))")
            }
            knobs.insert(knob)
        }
        return knobs
    }
}
