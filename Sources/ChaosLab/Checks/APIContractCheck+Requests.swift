import Foundation

extension APIContractCheck {
    /// A request body the API must refuse (or, for advice, should).
    struct BadInput: Sendable {
        var name: String
        var body: String
        var kind: Case.Kind = .requirement
        var hint: String?
    }

    /// The bad inputs, each carrying its own token where the input can carry one, so a
    /// publish of it is told apart from the others'.
    func badInputs(token: (Int) -> String) -> [BadInput] {
        [
            BadInput(name: "bad JSON", body: #"{"message": "\#(token(0))""#),
            BadInput(name: "empty message", body: #"{"message": ""}"#),
            BadInput(name: "missing message field", body: #"{"text": "\#(token(2))"}"#),
            BadInput(
                name: "oversized body (\(oversizedBytes / 1024) KiB)", body: #"{"message": "\#(String(repeating: "x", count: oversizedBytes))"}"#,
                kind: .advice, hint: "a size limit keeps one client from filling the broker's memory and disk"
            ),
        ]
    }

    /// Health, authentication, each bad input and one good message, on one route; the bad
    /// inputs and the good message judged against the firehose.
    /// - Parameter index: the route's place (0 direct, 1 proxy), which numbers its tokens.
    func requestCases(api: APIRole, route: Route, index: Int, context: CheckContext) async throws -> (cases: [Case], publishes: PublishJudgement) {
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
        let since = Date()
        func post(_ body: String, token: String, _ purpose: Post.Purpose) async -> Post {
            let at = Date()
            do {
                let exchange = try await context.http.send("POST", url, body: body, headers: json, basicAuth: credentials, timeout: .seconds(10))
                return Post(purpose: purpose, attempt: PublishAttempt(token: token, at: at, status: exchange.status, detail: exchange.body, took: exchange.duration))
            } catch {
                return Post(purpose: purpose, attempt: PublishAttempt(token: token, at: at, status: nil, detail: error.description, took: .seconds(Date().timeIntervalSince(at))))
            }
        }
        var posts: [Post] = []
        let base = 10 * (index + 1)
        for (number, input) in badInputs(token: { context.token(name, base + $0) }).enumerated() {
            posts.append(await post(input.body, token: context.token(name, base + number), .badInput(input)))
        }
        let token = context.token(name, index == 0 ? 2 : 3)
        let good = await post(api.body(token: token), token: token, .good)
        posts.append(good)
        if good.attempt.status == 200, context.observer.unavailable == nil {
            _ = try? await Wait.until("the broker to see \(token) published", deadline: publishWait, every: .milliseconds(50)) {
                await context.observer.publishes(since: good.attempt.at).contains { $0.token == token } ? true : nil
            }
        }
        let format = try await publishedFormat(of: token, route: route, context: context)
        let judgement = judgePublishes(route: route.name, posts: posts, record: await publishRecord(since: since, context: context), workQueue: context.roles.workQueue)
        cases += judgement.cases
        if let format { cases.append(format) }
        return (cases, judgement)
    }

    /// Posts one well-formed message to the API's message path: `nil` when the path takes
    /// messages, else (404, 405) the check's outcome, inconclusive. The message it may publish
    /// is purged with the queue before the contract's requests.
    func probeMessagePath(api: APIRole, context: CheckContext) async -> CheckOutcome? {
        let url = api.baseURL + api.messagePath
        let credentials = api.user.map { (user: $0, password: api.password ?? "") }
        let exchange = try? await context.http.send(
            "POST", url, body: api.body(token: context.token(name, 1)), headers: [("Content-Type", "application/json")], basicAuth: credentials, timeout: .seconds(10)
        )
        return exchange.flatMap { Self.unknownMessagePath(url: url, answer: $0, authorised: credentials != nil) }
    }

    /// Inconclusive when a well-formed message to `url` got 404 or 405: the API takes no
    /// messages there, so the lab does not know where it does, which is no breach of its
    /// contract (a path the lab defaulted, or the wrong one of several POST routes).
    static func unknownMessagePath(url: String, answer: HTTPExchange, authorised: Bool) -> CheckOutcome? {
        guard answer.status == 404 || answer.status == 405 else { return nil }
        return .inconclusive(
            "POST \(url) answered \(answer.status) to a well-formed\(authorised ? ", authorised" : "") message: the API takes no messages at that path, so the lab does not know where to send them and cannot judge its contract; declare api.message_path (and api.body_template) in x-chaoslab or the course's roles.",
            evidence: [Evidence(source: "api", title: "The first message", lines: ["POST \(url) → \(describe(answer))"])]
        )
    }

    /// The firehose's publishes and gaps since `since`, read now, with the services behind
    /// the publishing addresses.
    func publishRecord(since: Date, context: CheckContext) async -> PublishRecord {
        let readAt = Date()
        let publishes = await context.observer.publishes(since: since)
        var names: [String: String] = [:]
        for host in Set(publishes.compactMap { $0.channel?.connection.peerHost }) {
            names[host] = await context.observer.name(of: host)
        }
        return PublishRecord(
            publishes: publishes.filter { $0.receivedAt <= readAt }, gaps: await context.observer.gaps(since: since),
            unavailable: context.observer.unavailable, readAt: readAt, names: names
        )
    }

    /// The good message's body as the broker holds it, taken off the work queue with the
    /// stack's broker login and judged; `nil` without a login or when the message is not there
    /// (the firehose's account says why).
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
