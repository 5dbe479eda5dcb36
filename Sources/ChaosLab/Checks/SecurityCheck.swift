import Foundation

/// Security posture: `guest` cannot log in from outside loopback (AMQP and the management
/// API), no default or weak credentials are accepted or configured, Traefik's dashboard is not
/// open to the network (asked plainly and the way its routers take it), and no credentials are
/// baked into the images.
///
/// A login counts as refused only when the server judged it (the broker's 403, an HTTP 401 or
/// 403); one that could not connect or got no answer was not tried, and a part with logins
/// not tried makes the check inconclusive, naming them, never a pass.
public struct SecurityCheck: ReliabilityCheck {
    /// Passwords nobody should deploy: the defaults of RabbitMQ, tutorials and the seeds.
    public static let weakPasswords = ["guest", "admin", "password", "rabbitmq", "secret", "123456", "12345678", "changeme", "test", "user", "pass", "root", "qwerty", "letmein"]
    /// User names tried over AMQP, besides the stack's own.
    public static let commonUsers = ["admin", "rabbitmq", "user"]
    /// Passwords tried over AMQP with each of those users (and the user name itself).
    public static let triedPasswords = ["guest", "admin", "password", "rabbitmq", "123456", "changeme", "secret"]

    public init() {}

    public var name: String { "security" }
    public var title: String { "Security posture" }
    public var expectation: String {
        "guest/guest is refused over AMQP and the management API from outside loopback; no default or weak credentials are accepted by the broker or the API, nor configured; the Traefik dashboard is not reachable without credentials from other hosts, neither plainly nor through a router (with its Host and path); no image carries a password or secret in its ENV. Every login must be answered: one the lab could not try leaves the check inconclusive."
    }
    public var mutants: [FixtureKnob] { [.guestRemote] }

    public func run(in context: CheckContext) async throws -> CheckOutcome {
        var parts: [PartFinding] = []
        parts.append(await guestOverAMQP(context))
        parts.append(await guestOverManagement(context))
        parts.append(await weakBrokerLogins(context))
        parts.append(await weakAPILogins(context))
        parts.append(configuredPasswords(context))
        parts.append(try await dashboardExposure(context))
        parts.append(try await bakedSecrets(context))
        return CheckOutcome(parts: parts)
    }

    /// Why `password` (for `user`) is weak, or `nil`.
    static func weakness(of password: String, user: String) -> String? {
        if Self.weakPasswords.contains(password.lowercased()) { return "a well-known default" }
        if password == user { return "the same as the user name" }
        if password.count < 8 { return "shorter than 8 characters" }
        return nil
    }
}
