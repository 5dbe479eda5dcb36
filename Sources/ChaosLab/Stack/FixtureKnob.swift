import Foundation

/// A fault knob of the reference fixtures: each breaks exactly one guarantee, so a check can be
/// shown able to fail. Passed to every service as `CHAOSLAB_KNOBS`, comma-separated.
public enum FixtureKnob: String, Sendable, Hashable, Codable, CaseIterable {
    /// The worker consumes with no-ack: a killed worker loses its message.
    case autoAck = "auto-ack"
    /// The worker sets no prefetch limit (basic.qos 0).
    case prefetchUnlimited = "prefetch-unlimited"
    /// The worker rejects poison with requeue=true, so it never reaches the dead-letter queue.
    case requeuePoison = "requeue-poison"
    /// The API publishes with delivery mode 1: messages do not survive a broker restart.
    case transientMessages = "transient-messages"
    /// The broker declares the work queue non-durable.
    case nonDurableQueue = "non-durable-queue"
    /// The broker declares the work queue without dead-letter arguments.
    case noDeadLetter = "no-dead-letter"
    /// The worker `worker2` connects but never consumes: the other worker gets every message.
    case idleWorker2 = "idle-worker2"
    /// The API publishes a missing or empty `message` and answers 200, instead of 400.
    case acceptEmptyMessage = "accept-empty-message"
    /// The API publishes Python-`str(dict)`-style text instead of a JSON body.
    case nonJSONBody = "non-json-body"
    /// The API answers "Message sent" at once and publishes about 300 ms later, in the
    /// background.
    case answerBeforePublish = "answer-before-publish"
    /// The broker has guest/guest as administrator and lets it log in from anywhere.
    case guestRemote = "guest-remote"
    /// Traefik routes the management UI under `/moved` instead of `/monitor`.
    case monitorRouteMoved = "monitor-route-moved"

    /// The environment variable that carries the knobs.
    public static let environmentVariable = "CHAOSLAB_KNOBS"

    /// Reads knob names; each element may itself be a comma-separated list. Blank names are
    /// skipped, duplicates dropped, order kept.
    /// - Throws: ``FixtureKnobError`` naming the first unknown name.
    public static func parse(_ names: [String]) throws(FixtureKnobError) -> [FixtureKnob] {
        var knobs: [FixtureKnob] = []
        for name in names.flatMap({ $0.split(separator: ",") }) {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            guard let knob = FixtureKnob(rawValue: trimmed) else {
                throw FixtureKnobError(name: trimmed)
            }
            if !knobs.contains(knob) { knobs.append(knob) }
        }
        return knobs
    }

    /// The value of ``environmentVariable`` for these knobs.
    public static func environmentValue(_ knobs: [FixtureKnob]) -> String {
        knobs.map(\.rawValue).joined(separator: ",")
    }

    /// Compose variables a knob sets besides ``environmentVariable``, for what only the compose
    /// file decides (Traefik's labels).
    public var composeVariables: [String: String] {
        switch self {
        case .monitorRouteMoved: ["CHAOSLAB_MONITOR_PREFIX": "/moved"]
        default: [:]
        }
    }

    /// Everything to put into the compose environment for these knobs.
    public static func environment(_ knobs: [FixtureKnob]) -> [String: String] {
        var environment = [environmentVariable: environmentValue(knobs)]
        for knob in knobs {
            environment.merge(knob.composeVariables) { _, new in new }
        }
        return environment
    }
}
