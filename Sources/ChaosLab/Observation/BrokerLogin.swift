import Foundation

/// The login the lab watches a broker with, and the one it falls back to.
///
/// The lab first uses the stack's own broker user. When the broker refuses it (a guest that
/// may only log in over loopback, credentials the lab guessed wrong), the lab adds a user of
/// its own with `rabbitmqctl` inside the broker's container, administrator of the stack's
/// virtual host, and removes it when the run ends: watching must not depend on the stack
/// having told the lab its password.
actor BrokerLogin {
    private(set) var current: BrokerCredentials
    /// The user the lab added, to remove at the end.
    private var added: String?
    private let runID: String

    init(stack credentials: BrokerCredentials, runID: String) {
        current = credentials
        self.runID = runID
    }

    /// Whether the lab is already on a user of its own.
    var usesLabUser: Bool { added != nil }

    /// Adds the lab's own user and switches to it.
    /// - Throws: ``BrokerProbeError`` when `rabbitmqctl` refused.
    func switchToLabUser(through probe: BrokerProbe) async throws -> BrokerCredentials {
        if added != nil { return current }
        let user = "chaoslab-observer-\(runID)"
        let password = (0..<4).map { _ in String(UInt32.random(in: 0...UInt32.max), radix: 36) }.joined()
        let vhost = current.virtualHost
        for command in [
            ["add_user", user, password],
            ["set_user_tags", user, "administrator"],
            ["set_permissions", "-p", vhost, user, ".*", ".*", ".*"],
        ] {
            try await probe.run(command)
        }
        added = user
        current = BrokerCredentials(user: user, password: password, virtualHost: vhost)
        return current
    }

    /// Removes the lab's own user, if it added one; the broker may be gone by then.
    func removeLabUser(through probe: BrokerProbe) async {
        guard let user = added else { return }
        try? await probe.run(["delete_user", user])
        added = nil
    }
}
