/// Where one value of a stack's roles came from: written down by the stack's author (the
/// `x-chaoslab` block or a roles manifest), guessed from the compose file, or the lab's default.
public struct RoleSource: Sendable, Codable, Hashable, CustomStringConvertible {
    /// The kind of source, from most to least trusted.
    public enum Kind: String, Sendable, Codable, Hashable {
        /// The course's roles a grader gives (`--course-roles FILE`): they outrank whatever
        /// the submission declares.
        case course = "course roles"
        /// The `x-chaoslab` block of the compose file.
        case extensionBlock = "x-chaoslab"
        /// A roles manifest: `chaoslab.yml` beside the compose file, or `--roles FILE`.
        case manifest
        /// Inferred from the compose file (images, service names, ports, environment) or from
        /// the services' build contexts (Dockerfile, source code).
        case guessed
        /// The lab's default for a value nobody gave.
        case defaulted = "default"
    }

    public var kind: Kind
    /// The file the value was written in, for declared values.
    public var file: String?
    /// The line it was written on, counted from 1.
    public var line: Int?
    /// What a guess or a default rests on, e.g. "image rabbitmq:3-management of service mq".
    public var reason: String?

    public init(kind: Kind, file: String? = nil, line: Int? = nil, reason: String? = nil) {
        self.kind = kind
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// A value written in the `x-chaoslab` block of `file`.
    public static func extensionBlock(_ file: String, line: Int?) -> RoleSource {
        RoleSource(kind: .extensionBlock, file: file, line: line)
    }

    /// A value written in the manifest `file`.
    public static func manifest(_ file: String, line: Int?) -> RoleSource {
        RoleSource(kind: .manifest, file: file, line: line)
    }

    /// A value inferred from `reason`, written to follow "guessed from".
    public static func guessed(_ reason: String) -> RoleSource {
        RoleSource(kind: .guessed, reason: reason)
    }

    /// The lab's default, with why it is a fair one.
    public static func defaulted(_ reason: String) -> RoleSource {
        RoleSource(kind: .defaulted, reason: reason)
    }

    /// Whether a person wrote the value down (as opposed to a guess or a default).
    public var isDeclared: Bool {
        kind == .course || kind == .extensionBlock || kind == .manifest
    }

    /// E.g. `x-chaoslab (docker-compose.yml:88)`, `guessed from image rabbitmq:3 of service mq`,
    /// `default: RabbitMQ's default virtual host`.
    public var description: String {
        switch kind {
        case .course, .extensionBlock, .manifest:
            let place = [file, line.map(String.init)].compactMap { $0 }.joined(separator: ":")
            return place.isEmpty ? kind.rawValue : "\(kind.rawValue) (\(place))"
        case .guessed:
            return "guessed from \(reason ?? "the compose file")"
        case .defaulted:
            return reason.map { "default: \($0)" } ?? "default"
        }
    }
}
