import Foundation
public import Logging

/// Everything a check may use to drive and observe a stack.
public struct CheckContext: Sendable {
    /// The stack, for faults and logs.
    public let stack: any StackDriver
    /// What each service is for.
    public let roles: StackRoles
    /// The broker's own view: queues, channels, consumers.
    public let broker: BrokerProbe
    /// What the broker saw happen to each message: the witness every delivery-based verdict
    /// rests on.
    public let observer: BrokerObserver
    /// HTTP to the API and the proxy.
    public let http: HTTPProbe
    /// Injects and records faults; healed by the runner after each check.
    public let faults: FaultInjector
    /// Progress lines for people watching ("publishing 20 messages", "killing worker1").
    public let logger: Logger
    /// A short id unique to this run, put into every message token so runs never mix.
    public let runID: String

    /// - Parameters:
    ///   - stack: the stack under test.
    ///   - roles: what each of its services is for.
    ///   - observer: watches this stack's broker for tokens of `runID`.
    ///   - http: sends the checks' HTTP requests.
    ///   - faults: injects faults and heals them.
    ///   - logger: receives progress lines.
    ///   - runID: put into every message token of this run.
    public init(stack: any StackDriver, roles: StackRoles, observer: BrokerObserver, http: HTTPProbe, faults: FaultInjector, logger: Logger, runID: String) {
        self.stack = stack
        self.roles = roles
        self.broker = BrokerProbe(stack: stack, broker: ServiceTarget(service: roles.broker))
        self.observer = observer
        self.http = http
        self.faults = faults
        self.logger = logger
        self.runID = runID
    }

    /// A token for message `number` of a check: unique, greppable, safe in JSON and URLs.
    public func token(_ check: String, _ number: Int) -> String {
        "\(check)-\(runID)-\(number)"
    }

    /// A fresh run id: 6 lowercase hex digits.
    public static func newRunID() -> String {
        String(UInt32.random(in: 0...0xFF_FFFF), radix: 16).leftPadded(to: 6)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
