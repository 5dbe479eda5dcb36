import Foundation

extension APIContractCheck {
    /// Stops the broker, expects quick 503s (and an unhealthy health answer), starts it again
    /// and measures how long the API takes to publish again by itself.
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
                "POST", route.baseURL + api.messagePath, body: api.body(token: context.token(name, 4)),
                headers: json, basicAuth: credentials, timeout: outageAnswerDeadline + .seconds(8)
            )
            if let exchange { slowest = max(slowest, exchange.duration) }
            cases.append(Case(
                route: route.name, name: "POST with the broker down", expected: "503 within \(Int(outageAnswerDeadline.seconds)) s",
                observed: Self.describe(exchange),
                passed: exchange.map { $0.status == 503 && $0.duration <= outageAnswerDeadline } ?? false
            ))
            if let health = api.healthPath {
                let answer = try? await context.http.send("GET", route.baseURL + health, timeout: outageAnswerDeadline + .seconds(8))
                cases.append(Case(
                    route: route.name, name: "GET \(health) with the broker down", expected: "503",
                    observed: Self.describe(answer), passed: answer?.status == 503
                ))
            }
        }
        figures.append(.seconds("outage.answer", "slowest answer while the broker was down", slowest))

        context.logger.info("api-contract: starting the broker; waiting for the API to publish again")
        try await context.faults.inject(.start(broker))
        let clock = ContinuousClock()
        let start = clock.now
        var recovered: HTTPExchange?
        var lastAnswer = "no answer"
        do {
            recovered = try await Wait.until("the API to publish again", deadline: recoveryDeadline, every: .milliseconds(500)) { () async throws -> HTTPExchange? in
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
        let recovery = clock.now - start
        if recovered != nil {
            figures.append(.seconds("outage.recovery", "time from starting the broker to the API publishing again", recovery))
        }
        cases.append(Case(
            route: "direct", name: "POST after the broker is back", expected: "200 within \(Int(recoveryDeadline.seconds)) s, without restarting the API",
            observed: recovered.map { _ in "200 after \(String(format: "%.1f", recovery.seconds)) s" } ?? "no 200 in \(String(format: "%.1f", recovery.seconds)) s; last: \(lastAnswer)",
            passed: recovered != nil
        ))
        return (cases, figures)
    }
}
