import Foundation

extension APIContractCheck {
    /// Stops the broker, expects no success (and, as advice, quick 503s and an unhealthy
    /// health answer), starts it again and measures how long the API takes to publish again by
    /// itself.
    func brokerOutage(api: APIRole, routes: [Route], context: CheckContext) async throws -> (cases: [Case], figures: [Figure]) {
        let broker = ServiceTarget(service: context.roles.broker)
        let json = [("Content-Type", "application/json")]
        let credentials = api.user.map { (user: $0, password: api.password ?? "") }
        var cases: [Case] = []
        var figures: [Figure] = []

        context.logger.info("api-contract: stopping the broker")
        try await context.faults.inject(.stop(broker, timeout: .seconds(10)))
        var slowest: Duration = .zero
        for route in routes {
            let exchange = try? await context.http.send(
                "POST", route.baseURL + route.messagePath, body: api.body(token: context.token(name, 4)),
                headers: json + route.hostHeader, basicAuth: credentials, timeout: outageAnswer.limit + .seconds(8)
            )
            if let exchange { slowest = max(slowest, exchange.duration) }
            var health: (path: String, answer: HTTPExchange?)?
            if let path = route.healthPath {
                let answer = try? await context.http.send("GET", route.baseURL + path, headers: route.hostHeader, timeout: outageAnswer.limit + .seconds(8))
                health = (path, answer)
            }
            cases += Self.outageCases(route: route.name, post: exchange, health: health, bound: outageAnswer)
        }
        figures.append(.seconds("outage.answer", "slowest answer while the broker was down", slowest))

        context.logger.info("api-contract: starting the broker; waiting for the API to publish again")
        try await context.faults.inject(.start(broker))
        let clock = ContinuousClock()
        let start = clock.now
        // Judged on its answer alone, not against the firehose: the lab's tap re-arms after the
        // restart on its own schedule and may well miss this publish.
        var recovered: HTTPExchange?
        var lastAnswer = "no answer"
        do {
            recovered = try await Wait.until("the API to publish again", deadline: recovery.limit, every: .milliseconds(500)) { () async throws -> HTTPExchange? in
                let exchange = try await context.http.send(
                    "POST", api.baseURL + api.messagePath, body: api.body(token: context.token(name, 5)),
                    headers: json, basicAuth: credentials, timeout: .seconds(5)
                )
                lastAnswer = Self.describe(exchange)
                return exchange.status == 200 ? exchange : nil
            }
        } catch {
            lastAnswer += " (\(error))"
        }
        let recoveryTime = clock.now - start
        if recovered != nil {
            figures.append(.seconds("outage.recovery", "time from starting the broker to the API publishing again", recoveryTime))
        }
        cases.append(Case(
            route: "direct", name: "POST after the broker is back", expected: "200 within \(recovery), without restarting the API",
            observed: recovered.map { _ in "200 after \(String(format: "%.1f", recoveryTime.seconds)) s" } ?? "no 200 in \(String(format: "%.1f", recoveryTime.seconds)) s; last: \(lastAnswer)",
            passed: recovered != nil
        ))
        return (cases, figures)
    }

    /// What the answers with the broker down say. A success would claim a message the broker
    /// cannot have taken: that breaks the contract. A slow or other error, and health that
    /// still says 200, are advice.
    static func outageCases(route: String, post: HTTPExchange?, health: (path: String, answer: HTTPExchange?)?, bound: TimeBound) -> [Case] {
        let succeeded = post.map { (200..<300).contains($0.status) } ?? false
        var cases = [
            Case(route: route, name: "POST with the broker down", expected: "no success (2xx): the broker cannot take the message",
                 observed: describe(post), passed: !succeeded),
        ]
        if !succeeded {
            cases.append(Case(
                route: route, name: "POST with the broker down, answered fast", expected: "503 within \(bound)",
                observed: describe(post), passed: post.map { $0.status == 503 && bound.admits($0.duration) } ?? false, kind: .advice,
                hint: "a quick 503 tells clients to retry instead of holding them until a timeout"
            ))
        }
        if let health {
            cases.append(Case(
                route: route, name: "health with the broker down", expected: "503",
                observed: "GET \(health.path): " + describe(health.answer), passed: health.answer?.status == 503, kind: .advice,
                hint: "health that reports readiness (503 without the broker) lets a proxy or orchestrator route around the API; 200 reports liveness only"
            ))
        }
        return cases
    }
}
