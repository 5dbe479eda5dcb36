import Foundation

extension APIContractCheck {
    /// A request body the API must refuse (or, for advice, should).
    struct BadInput: Sendable {
        var name: String
        var body: String
        var kind: Case.Kind = .requirement
        var hint: String?
    }

    func badInputs(token: String) -> [BadInput] {
        [
            BadInput(name: "bad JSON", body: #"{"message": "\#(token)""#),
            BadInput(name: "empty message", body: #"{"message": ""}"#),
            BadInput(name: "missing message field", body: #"{"text": "\#(token)"}"#),
            BadInput(
                name: "oversized body (\(oversizedBytes / 1024) KiB)", body: #"{"message": "\#(String(repeating: "x", count: oversizedBytes))"}"#,
                kind: .advice, hint: "a size limit keeps one client from filling the broker's memory and disk"
            ),
        ]
    }

    /// Health, authentication, each bad input and one good message, on one route.
    func requestCases(api: APIRole, route: Route, context: CheckContext) async throws -> [Case] {
        let url = route.baseURL + route.messagePath
        let json = [("Content-Type", "application/json")] + route.hostHeader
        let credentials = api.user.map { (user: $0, password: api.password ?? "") }
        var cases: [Case] = []

        if let health = route.healthPath {
            let exchange = try? await context.http.send("GET", route.baseURL + health, headers: route.hostHeader, timeout: .seconds(5))
            cases.append(Case(route: route.name, name: "GET \(health)", expected: "2xx",
                              observed: Self.describe(exchange), passed: exchange.map { (200..<300).contains($0.status) } ?? false))
        }
        if let credentials {
            let good = api.body(token: context.token(name, 0))
            for (label, auth) in [("no credentials", nil), ("wrong password", (user: credentials.user, password: credentials.password + "-wrong"))] as [(String, (user: String, password: String)?)] {
                let exchange = try? await context.http.send("POST", url, body: good, headers: json, basicAuth: auth, timeout: .seconds(5))
                let challenge = exchange?.header("WWW-Authenticate")
                cases.append(Case(
                    route: route.name, name: "POST with \(label)", expected: "401 with WWW-Authenticate",
                    observed: Self.describe(exchange) + (challenge.map { " (WWW-Authenticate: \($0))" } ?? (exchange?.status == 401 ? " without WWW-Authenticate" : "")),
                    passed: exchange?.status == 401 && challenge != nil
                ))
            }
        }
        // The workers are stopped, so only the API changes the work queue: each answer's depth
        // is the next request's starting point.
        var depth = try await context.broker.queue(named: context.roles.workQueue)?.total ?? 0
        func post(_ body: String) async throws -> (exchange: HTTPExchange?, before: Int, after: Int) {
            let exchange = try? await context.http.send("POST", url, body: body, headers: json, basicAuth: credentials, timeout: .seconds(10))
            let before = depth
            depth = try await context.broker.queue(named: context.roles.workQueue)?.total ?? 0
            return (exchange, before, depth)
        }
        for input in badInputs(token: context.token(name, 1)) {
            let (exchange, before, after) = try await post(input.body)
            let refused = exchange.map { (400..<500).contains($0.status) && $0.status != 401 } ?? false
            let published = after - before
            cases.append(Case(
                route: route.name, name: "POST \(input.name)", expected: "4xx and nothing published",
                observed: Self.describe(exchange) + (published == 0 ? ", nothing published" : " and published \(published) message\(published == 1 ? "" : "s")"),
                passed: refused && published == 0, kind: input.kind, hint: input.hint
            ))
        }
        let token = context.token(name, route.name == "direct" ? 2 : 3)
        let (exchange, before, after) = try await post(api.body(token: token))
        let sent = exchange.map { $0.status == 200 && $0.body.contains("Message sent") } ?? false
        cases.append(Case(
            route: route.name, name: "POST a good message", expected: "200 \"Message sent\" with the message already in \(context.roles.workQueue)",
            observed: Self.describe(exchange) + ", \(context.roles.workQueue) went from \(before) to \(after) at the answer",
            passed: sent && after == before + 1
        ))
        if let format = try await publishedFormat(of: token, route: route, context: context) {
            cases.append(format)
        }
        return cases
    }

    /// The good message's body as the broker holds it, taken off the work queue with the
    /// stack's broker login and judged; `nil` without a login or when the message is not there
    /// (the depth case above already says so).
    func publishedFormat(of token: String, route: Route, context: CheckContext) async throws -> Case? {
        guard let access = context.roles.brokerAccess else { return nil }
        let taken = try await BrokerClient.withClient(access, connectionName: "chaoslab-\(name)") { client in
            try await client.take(from: context.roles.workQueue) { $0.contains(token) }
        }
        guard let body = taken.first?.body else { return nil }
        let judgement = PublishedBody(text: body).judge(token: token)
        return Case(
            route: route.name, name: "published body of the good message", expected: "a JSON document or plain text carrying the message",
            observed: judgement.observed, passed: judgement.passed
        )
    }

    /// `503 {"error": …}` or the transport error, in a few words.
    static func describe(_ exchange: HTTPExchange?) -> String {
        guard let exchange else { return "no answer" }
        let body = exchange.body.replacingOccurrences(of: "\n", with: " ").prefix(80)
        return "\(exchange.status)" + (body.isEmpty ? "" : " \(body)") + " in \(Int((exchange.duration.seconds * 1000).rounded())) ms"
    }
}
