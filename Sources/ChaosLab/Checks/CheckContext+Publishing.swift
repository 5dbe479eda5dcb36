import Foundation

extension CheckContext {
    /// Posts one message through the API role (direct, not through the proxy).
    /// - Parameters:
    ///   - token: the lab's token, put into the body by the role's template.
    ///   - workMilliseconds: how long the worker should work on it, where the API supports it.
    public func publish(_ token: String, workMilliseconds: Int = 0) async throws -> PublishAttempt {
        guard let api = roles.api else {
            throw CheckSetupError(reason: "The stack has no API role to publish through.")
        }
        return await post(token, body: api.body(token: token, workMilliseconds: workMilliseconds), to: api)
    }

    /// Posts one poison message (one the workers must reject) through the API role.
    /// - Throws: ``CheckSetupError`` when the API role has no poison body template.
    public func publishPoison(_ token: String) async throws -> PublishAttempt {
        guard let api = roles.api, let body = api.poisonBody(token: token) else {
            throw CheckSetupError(reason: "The stack's API role has no poison body template.")
        }
        return await post(token, body: body, to: api)
    }

    private func post(_ token: String, body: String, to api: APIRole) async -> PublishAttempt {
        let at = Date()
        let credentials = api.user.map { (user: $0, password: api.password ?? "") }
        do {
            let exchange = try await http.send(
                "POST", api.baseURL + api.messagePath,
                body: body,
                headers: [("Content-Type", "application/json")],
                basicAuth: credentials,
                timeout: .seconds(10)
            )
            return PublishAttempt(token: token, at: at, status: exchange.status, detail: exchange.body, took: exchange.duration)
        } catch {
            return PublishAttempt(token: token, at: at, status: nil, detail: error.description, took: .seconds(Date().timeIntervalSince(at)))
        }
    }

    /// Posts messages one after another and returns every attempt, acknowledged or not.
    public func publish(_ tokens: [String], workMilliseconds: Int = 0) async throws -> [PublishAttempt] {
        var attempts: [PublishAttempt] = []
        for token in tokens {
            attempts.append(try await publish(token, workMilliseconds: workMilliseconds))
        }
        return attempts
    }

    /// Publishes one event per token straight to the broker the way the stack's producers do
    /// (``EventRoute``: their exchange, routing key, body format and delivery mode), each
    /// with the token as its message id and awaited until the broker confirms it.
    /// - Parameters:
    ///   - tokens: one event per token, each with the token as its message id.
    ///   - route: where and how the producers publish.
    ///   - connectionName: how the lab's connection shows in the broker's list.
    public func publishEvents(_ tokens: [String], on route: EventRoute, connectionName: String) async throws -> [PublishAttempt] {
        try await BrokerClient.withClient(observer.line, connectionName: connectionName) { client in
            var attempts: [PublishAttempt] = []
            let clock = ContinuousClock()
            for token in tokens {
                let at = Date()
                let started = clock.now
                do {
                    let (confirm, detail) = PublishWindow.answer(try await client.publish(event: route.body(token: token), on: route, messageID: token))
                    attempts.append(PublishAttempt(token: token, at: at, confirm: confirm, detail: detail, took: clock.now - started))
                } catch {
                    attempts.append(PublishAttempt(token: token, at: at, confirm: nil, detail: "\(error)", took: clock.now - started))
                }
            }
            return attempts
        }
    }

    /// Publishes tasks for the workers: through the API when the stack has one; else, for a
    /// stack whose producers the lab cannot drive (a counting stack's timers and triggers),
    /// straight to the broker in the producers' own format.
    /// - Throws: ``CheckSetupError`` when the stack has neither.
    public func publishTasks(_ tokens: [String], connectionName: String) async throws -> [PublishAttempt] {
        if roles.api != nil { return try await publish(tokens) }
        guard let route = roles.events else {
            throw CheckSetupError(reason: "The stack has no API role to publish through, and how its producers publish (events) is not known.")
        }
        return try await publishEvents(tokens, on: route, connectionName: connectionName)
    }

    /// Evidence listing publish attempts the API did not acknowledge, or `nil` if all were.
    public func unacknowledgedEvidence(_ attempts: [PublishAttempt]) -> Evidence? {
        let refused = attempts.filter { !$0.acknowledged }
        guard !refused.isEmpty else { return nil }
        return Evidence(
            source: "api",
            title: "\(refused.count) of \(attempts.count) publishes were not acknowledged",
            lines: refused.prefix(20).map { "\($0.token): \($0.status.map(String.init) ?? "no response") \($0.detail.prefix(200))" }
        )
    }
}

/// A check could not set up what it needs (no API role, a service that does not exist, …).
public struct CheckSetupError: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
