import AMQPClient
import Foundation

extension SecurityCheck {
    /// One AMQP login with these credentials, judged by how the connect ended.
    static func tryLogin(_ access: BrokerAccess, user: String, password: String) async -> LoginResult {
        do {
            let connection = try await AMQPConnection.connect(access.configuration(user: user, password: password, connectionName: "chaoslab security"))
            await connection.close()
            return .accepted("logged in")
        } catch {
            return loginResult(ofConnectError: error)
        }
    }

    /// guest/guest over the published AMQP port: the broker sees the Docker network's gateway,
    /// not loopback, so RabbitMQ's default `loopback_users` must refuse it.
    func guestOverAMQP(_ context: CheckContext) async -> PartFinding {
        guard let access = context.roles.brokerAccess else {
            return PartFinding(passed: nil, sentence: "The broker's AMQP port is not published to the lab, so guest was not tried over AMQP.")
        }
        let result = await Self.tryLogin(access, user: "guest", password: "guest")
        return Self.guestOverAMQPFinding(result, endpoint: "\(access.host):\(access.amqpPort)")
    }

    static func guestOverAMQPFinding(_ result: LoginResult, endpoint: String) -> PartFinding {
        let evidence = [Evidence(source: "broker", title: "AMQP login as guest/guest", lines: [LoginAttempt(login: "guest/guest at \(endpoint)", result: result).line])]
        switch result {
        case .accepted:
            return PartFinding(passed: false, sentence: "guest/guest logged in over AMQP at \(endpoint) from outside the broker's loopback (loopback_users does not cover guest, or guest was recreated).", evidence: evidence)
        case .refused:
            return PartFinding(passed: true, sentence: "guest is refused over AMQP.", evidence: evidence)
        case .notTried(let why):
            return .inconclusive("The guest login over AMQP at \(endpoint) could not be tried: \(why)", evidence: evidence)
        }
    }

    /// guest/guest on the management API, if it is published.
    func guestOverManagement(_ context: CheckContext) async -> PartFinding {
        guard let management = context.roles.brokerAccess?.managementURL else {
            return PartFinding(passed: nil, sentence: "The management API is not published to the lab, so guest was not tried there.")
        }
        let url = management + "/api/whoami"
        let answer = await Self.answer { () async throws(HTTPProbeError) -> HTTPExchange in
            try await context.http.send("GET", url, basicAuth: (user: "guest", password: "guest"), timeout: .seconds(5))
        }
        return Self.guestOverManagementFinding(answer, url: url, management: management)
    }

    static func guestOverManagementFinding(_ answer: Result<HTTPExchange, HTTPProbeError>, url: String, management: String) -> PartFinding {
        let observed = (try? answer.get()).map { "\($0.status) \($0.body.prefix(120))" } ?? "no answer"
        let evidence = [Evidence(source: "broker", title: "Management API login as guest/guest", lines: ["GET \(url) as guest/guest: \(observed)"])]
        switch loginResult(of: answer, accepts: { $0 == 200 }) {
        case .accepted:
            return PartFinding(passed: false, sentence: "guest/guest logged in to the management API at \(management).", evidence: evidence)
        case .refused:
            return PartFinding(passed: true, sentence: "guest is refused by the management API.", evidence: evidence)
        case .notTried(let why):
            return .inconclusive("The guest login on the management API at \(management) could not be judged: \(why).", evidence: evidence)
        }
    }

    /// Common user names with weak passwords, and the stack's own user with weak passwords.
    func weakBrokerLogins(_ context: CheckContext) async -> PartFinding {
        guard let access = context.roles.brokerAccess else {
            return PartFinding(passed: nil, sentence: "Weak broker passwords were not tried: the AMQP port is not published to the lab.")
        }
        var attempts: [LoginAttempt] = []
        for (user, password) in Self.weakBrokerPairs(user: access.user) {
            attempts.append(LoginAttempt(login: "\(user)/\(password)", result: await Self.tryLogin(access, user: user, password: password)))
        }
        return Self.weakLoginsFinding(attempts, subject: "broker", over: "AMQP")
    }

    /// The pairs tried over AMQP: each common user and the stack's own (never guest, which has
    /// its own part) with each weak password and its own name.
    static func weakBrokerPairs(user: String) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for user in [user] + commonUsers where user != "guest" {
            for password in triedPasswords + [user] where !pairs.contains(where: { $0 == (user, password) }) {
                pairs.append((user, password))
            }
        }
        return pairs
    }

    /// A few weak pairs against the API's basic auth.
    func weakAPILogins(_ context: CheckContext) async -> PartFinding {
        guard let api = context.roles.api, let user = api.user else {
            return PartFinding(passed: nil, sentence: "The API asks for no credentials, so there were none to guess.")
        }
        let url = api.baseURL + api.messagePath
        var attempts: [LoginAttempt] = []
        let candidates = Set([user, "admin"]).sorted().flatMap { name in ["admin", "password", "123456", name].map { (name, $0) } }
        for (name, password) in candidates where !(name == user && password == api.password) {
            let answer = await Self.answer { () async throws(HTTPProbeError) -> HTTPExchange in
                try await context.http.send("POST", url, body: "{}", headers: [("Content-Type", "application/json")],
                                            basicAuth: (user: name, password: password), timeout: .seconds(5))
            }
            // Past authentication, the empty body gets a 4xx; a 5xx may come before or after it.
            attempts.append(LoginAttempt(login: "\(name)/\(password)", result: Self.loginResult(of: answer, accepts: { $0 < 500 })))
        }
        return Self.weakLoginsFinding(attempts, subject: "API", over: "HTTP basic auth")
    }

    /// Weak logins judged together: any accepted fails; any the lab could not try makes the
    /// part inconclusive, naming them; all refused holds.
    static func weakLoginsFinding(_ attempts: [LoginAttempt], subject: String, over channel: String) -> PartFinding {
        let evidence = [Evidence(source: subject == "API" ? "api" : "broker", title: "\(attempts.count) \(subject) logins with weak passwords over \(channel)", lines: attempts.map(\.line))]
        let accepted = attempts.filter { if case .accepted = $0.result { true } else { false } }
        let untried = attempts.compactMap { attempt -> (String, String)? in
            if case .notTried(let why) = attempt.result { (attempt.login, why) } else { nil }
        }
        if !accepted.isEmpty {
            return PartFinding(passed: false, sentence: "The \(subject) accepts weak credentials: \(accepted.map(\.login).joined(separator: ", ")).", evidence: evidence)
        }
        if let first = untried.first {
            let refused = attempts.count - untried.count
            let which = untried.count == attempts.count
                ? "None of the \(attempts.count) weak \(subject) logins could be tried"
                : "\(untried.count) of \(attempts.count) weak \(subject) logins could not be tried (\(Self.listed(untried.map(\.0))))"
            let rest = refused == 0 ? "" : "; the other \(refused) were refused"
            return .inconclusive("\(which): \(first.1.trimmingCharacters(in: CharacterSet(charactersIn: ".")))\(untried.count > 1 ? " (the first reason)" : "")\(rest).", evidence: evidence)
        }
        return PartFinding(passed: true, sentence: "\(attempts.count) weak \(subject) logins were refused.",
                           figures: subject == "broker" ? [Figure("broker.weak.tried", "weak broker logins tried", Double(attempts.count))] : [], evidence: evidence)
    }

    /// The first few of `items`, then how many more.
    static func listed(_ items: [String], limit: Int = 5) -> String {
        items.count <= limit ? items.joined(separator: ", ") : items.prefix(limit).joined(separator: ", ") + " and \(items.count - limit) more"
    }

    /// The credentials the stack is configured with, judged without trying them.
    func configuredPasswords(_ context: CheckContext) -> PartFinding {
        var weak: [String] = []
        if let access = context.roles.brokerAccess, let why = Self.weakness(of: access.password, user: access.user) {
            weak.append("the broker user \(access.user)'s password is \(why)")
        }
        if let api = context.roles.api, let user = api.user, let why = Self.weakness(of: api.password ?? "", user: user) {
            weak.append("the API user \(user)'s password is \(why)")
        }
        if weak.isEmpty {
            return PartFinding(passed: true, sentence: "The configured passwords are not defaults.")
        }
        return PartFinding(passed: false, sentence: "Default or weak credentials are configured: \(weak.joined(separator: "; ")).")
    }
}
