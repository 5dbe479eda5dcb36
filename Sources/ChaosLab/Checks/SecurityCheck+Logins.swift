import AMQPClient
import Foundation

extension SecurityCheck {
    /// The outcome of one AMQP login attempt.
    enum LoginResult: Sendable {
        case accepted
        case refused
        case unreachable(String)
    }

    static func tryLogin(_ access: BrokerAccess, user: String, password: String) async -> LoginResult {
        do {
            let connection = try await AMQPConnection.connect(access.configuration(user: user, password: password, connectionName: "chaoslab security"))
            await connection.close()
            return .accepted
        } catch let error as AMQPError where error.message.contains("ACCESS_REFUSED") || error.message.contains("403") {
            return .refused
        } catch {
            return .unreachable(String(describing: error))
        }
    }

    /// guest/guest over the published AMQP port: the broker sees the Docker network's gateway,
    /// not loopback, so RabbitMQ's default `loopback_users` must refuse it.
    func guestOverAMQP(_ context: CheckContext) async -> PartFinding {
        guard let access = context.roles.brokerAccess else {
            return PartFinding(passed: nil, sentence: "The broker's AMQP port is not published to the lab, so guest was not tried over AMQP.")
        }
        let endpoint = "\(access.host):\(access.amqpPort)"
        switch await Self.tryLogin(access, user: "guest", password: "guest") {
        case .accepted:
            return PartFinding(passed: false, sentence: "guest/guest logged in over AMQP at \(endpoint) from outside the broker's loopback (loopback_users does not cover guest, or guest was recreated).",
                               evidence: [Evidence(source: "broker", title: "AMQP login as guest/guest", lines: ["\(endpoint): accepted"])])
        case .refused:
            return PartFinding(passed: true, sentence: "guest is refused over AMQP.",
                               evidence: [Evidence(source: "broker", title: "AMQP login as guest/guest", lines: ["\(endpoint): ACCESS_REFUSED"])])
        case .unreachable(let reason):
            return PartFinding(passed: false, sentence: "The guest login over AMQP could not be tried: \(reason)")
        }
    }

    /// guest/guest on the management API, if it is published.
    func guestOverManagement(_ context: CheckContext) async -> PartFinding {
        guard let management = context.roles.brokerAccess?.managementURL else {
            return PartFinding(passed: nil, sentence: "The management API is not published to the lab, so guest was not tried there.")
        }
        let url = management + "/api/whoami"
        let exchange = try? await context.http.send("GET", url, basicAuth: (user: "guest", password: "guest"), timeout: .seconds(5))
        let lines = ["GET \(url) as guest/guest: " + (exchange.map { "\($0.status) \($0.body.prefix(120))" } ?? "no answer")]
        let evidence = [Evidence(source: "broker", title: "Management API login as guest/guest", lines: lines)]
        switch exchange?.status {
        case 200?:
            return PartFinding(passed: false, sentence: "guest/guest logged in to the management API at \(management).", evidence: evidence)
        case 401?:
            return PartFinding(passed: true, sentence: "guest is refused by the management API.", evidence: evidence)
        default:
            return PartFinding(passed: nil, sentence: "The management API at \(management) did not answer the guest login clearly (\(lines[0])).", evidence: evidence)
        }
    }

    /// Common user names with weak passwords, and the stack's own user with weak passwords.
    func weakBrokerLogins(_ context: CheckContext) async -> PartFinding {
        guard let access = context.roles.brokerAccess else {
            return PartFinding(passed: nil, sentence: "Weak broker passwords were not tried: the AMQP port is not published to the lab.")
        }
        var pairs: [(String, String)] = []
        for user in [access.user] + Self.commonUsers where user != "guest" {
            for password in Self.triedPasswords + [user] where !pairs.contains(where: { $0 == (user, password) }) {
                pairs.append((user, password))
            }
        }
        var accepted: [String] = []
        for (user, password) in pairs {
            if case .accepted = await Self.tryLogin(access, user: user, password: password) {
                accepted.append("\(user)/\(password)")
            }
        }
        let evidence = [Evidence(source: "broker", title: "\(pairs.count) AMQP logins with weak passwords", lines: accepted.isEmpty ? ["all refused"] : accepted.map { "\($0): accepted" })]
        if !accepted.isEmpty {
            return PartFinding(passed: false, sentence: "The broker accepts weak credentials: \(accepted.joined(separator: ", ")).", evidence: evidence)
        }
        return PartFinding(passed: true, sentence: "\(pairs.count) weak broker logins were refused.",
                           figures: [Figure("broker.weak.tried", "weak broker logins tried", Double(pairs.count))], evidence: evidence)
    }

    /// A few weak pairs against the API's basic auth.
    func weakAPILogins(_ context: CheckContext) async -> PartFinding {
        guard let api = context.roles.api, let user = api.user else {
            return PartFinding(passed: nil, sentence: "The API asks for no credentials, so there were none to guess.")
        }
        let url = api.baseURL + api.messagePath
        var accepted: [String] = []
        let candidates = Set([user, "admin"]).sorted().flatMap { name in ["admin", "password", "123456", name].map { (name, $0) } }
        for (name, password) in candidates where !(name == user && password == api.password) {
            let exchange = try? await context.http.send("POST", url, body: "{}", headers: [("Content-Type", "application/json")],
                                                        basicAuth: (user: name, password: password), timeout: .seconds(5))
            if let status = exchange?.status, status != 401 && status != 403 {
                accepted.append("\(name)/\(password) (\(status))")
            }
        }
        let evidence = [Evidence(source: "api", title: "\(candidates.count) API logins with weak passwords", lines: accepted.isEmpty ? ["all answered 401"] : accepted)]
        if !accepted.isEmpty {
            return PartFinding(passed: false, sentence: "The API accepts weak credentials: \(accepted.joined(separator: ", ")).", evidence: evidence)
        }
        return PartFinding(passed: true, sentence: "Weak API logins were refused.", evidence: evidence)
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
