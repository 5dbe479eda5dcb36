public import AMQPClient
import Foundation

/// How the lab reaches a stack's broker, by every way it has: AMQP and the management API at
/// the broker container's own address (the host reaches a container on its bridge network
/// directly, published port or not), the published ports when the container has no address
/// the lab can use, and `rabbitmqctl` inside the container where no API answers.
///
/// Addresses are looked up on every use: a restarted broker may come back on another one.
public struct BrokerLine: Sendable {
    public let stack: any StackDriver
    public let roles: StackRoles
    public let http: HTTPProbe
    /// `rabbitmqctl` in the broker's container.
    public let probe: BrokerProbe
    /// The login in use: the stack's, or the lab's own once the broker refused that.
    let login: BrokerLogin

    /// - Parameters:
    ///   - stack: the stack whose broker this is.
    ///   - roles: the broker's address and login.
    ///   - http: reaches the management API.
    ///   - runID: names the user the lab adds if the broker refuses the stack's login.
    public init(stack: any StackDriver, roles: StackRoles, http: HTTPProbe, runID: String) {
        self.stack = stack
        self.roles = roles
        self.http = http
        self.probe = BrokerProbe(stack: stack, broker: ServiceTarget(service: roles.broker))
        self.login = BrokerLogin(stack: roles.credentials, runID: runID)
    }

    /// Connects as the stack's broker user; if the broker refuses that login, adds the lab's
    /// own user and connects as it.
    /// - Throws: ``ObservationUnavailable`` when no login works or the broker has no address;
    ///   the connection's error when the broker is merely not answering yet.
    public func connect(connectionName: String) async throws -> AMQPConnection {
        do {
            return try await AMQPConnection.connect(configuration(connectionName: connectionName))
        } catch let error as AMQPError {
            guard case .loginRefused = error.code else { throw error }
            guard !(await login.usesLabUser) else {
                throw ObservationUnavailable(reason: "the broker refused even the lab's own user: \(error)")
            }
            let refused = await login.current.user
            do {
                _ = try await login.switchToLabUser(through: probe)
            } catch {
                throw ObservationUnavailable(reason: "the broker refused the login \(refused), and the lab could not add a user of its own with rabbitmqctl: \(error)")
            }
            return try await AMQPConnection.connect(configuration(connectionName: connectionName))
        }
    }

    /// Which login the lab uses, for the report.
    public var loginDescription: String {
        get async {
            let user = await login.current.user
            return await login.usesLabUser
                ? "\(user), a user the lab added because the broker refused \(roles.credentials.user)"
                : user
        }
    }

    /// Removes the user the lab added, if it added one.
    public func removeLabUser() async {
        await login.removeLabUser(through: probe)
    }

    /// The broker container's address, if it runs and this machine reaches it directly.
    func containerAddress() async throws -> String? {
        try await stack.instances(of: roles.broker).first { $0.state == .running }?.directAddress
    }

    /// A client configuration for the stack's login.
    public func configuration(connectionName: String) async throws -> AMQPConfiguration {
        let credentials = await login.current
        let address = try await containerAddress()
        guard let host = address ?? roles.brokerAccess?.host else {
            throw ObservationUnavailable(reason: "the broker service \(roles.broker) has no running container with an address, and no published AMQP port")
        }
        return AMQPConfiguration(
            host: host,
            port: address == nil ? roles.brokerAccess?.amqpPort ?? 5672 : 5672,
            username: credentials.user,
            password: credentials.password,
            virtualHost: credentials.virtualHost,
            heartbeat: .seconds(10),
            connectTimeout: .seconds(3),
            operationTimeout: .seconds(10),
            connectionName: connectionName
        )
    }

    /// The management API as the stack's login, at the container's port 15672 or the
    /// published management URL; `nil` when neither is known.
    public func management(timeout: Duration = .seconds(3)) async -> ManagementAPI? {
        let credentials = await login.current
        let address = try? await containerAddress()
        guard let base = address.map({ "http://\($0):15672" }) ?? roles.brokerAccess?.managementURL else { return nil }
        return ManagementAPI(baseURL: base, user: credentials.user, password: credentials.password, virtualHost: credentials.virtualHost, http: http, timeout: timeout)
    }

    /// Switches the firehose on or off: through the management API, else `rabbitmqctl`.
    public func setTracing(_ on: Bool) async throws {
        if let management = await management() {
            do {
                try await management.setTracing(on)
                return
            } catch {
                // No management plugin, or a user without the rights: rabbitmqctl may still do.
            }
        }
        try await probe.trace(on, virtualHost: roles.credentials.virtualHost)
    }

    /// Every consumer with its limits: from the management API when it shows every
    /// connection's consumers, else from `rabbitmqctl`. The management API lists a new consumer
    /// only after its next statistics round (up to 5 s); when it misses a channel in `needed`,
    /// `rabbitmqctl`, which answers live, is asked instead.
    public func consumerFacts(covering needed: Set<ChannelAddress> = []) async throws -> [ConsumerFacts] {
        if let management = await management(), let facts = try? await Self.consumerFacts(from: management),
           needed.isSubset(of: Set(facts.map(\.channel))) {
            return facts
        }
        return try await probe.consumerFacts()
    }

    /// The management API's consumers joined with their channels' global limits; `nil` when
    /// the login cannot see other users' consumers (it would get an empty list, not an error).
    static func consumerFacts(from management: ManagementAPI) async throws -> [ConsumerFacts]? {
        guard try await management.whoami().seesEveryConnection else { return nil }
        let consumers = try await management.consumers()
        let channels = try await management.channels()
        var global: [ChannelAddress: Int] = [:]
        for channel in channels {
            if let address = ChannelAddress(channelName: channel.name) { global[address] = channel.globalPrefetch }
        }
        return consumers.compactMap { consumer in
            guard let name = consumer.channelName, let address = ChannelAddress(channelName: name) else { return nil }
            return ConsumerFacts(
                channel: address, queue: consumer.queue, prefetch: consumer.prefetch,
                globalPrefetch: global[address] ?? 0, acknowledges: consumer.acknowledgementRequired
            )
        }
    }
}
