import Foundation

/// How the lab logs in to the broker.
extension RoleInference {
    /// The published AMQP and management ports, and the login: the broker's
    /// `RABBITMQ_DEFAULT_USER`/`RABBITMQ_DEFAULT_PASS`, else what its clients (the API, the
    /// workers) log in with, else RabbitMQ's built-in guest.
    func inferBrokerAccess(_ table: inout RoleTable, _ notes: inout [String]) {
        guard let broker = service(table, .brokerService) else { return }
        if let port = broker.published(target: 5672), let number = port.publishedPort {
            table.fill(.brokerAMQPPort, .number(number), .guessed("published port \(number) → 5672 of service \(broker.name)"))
            if let host = port.hostIP, !["", "0.0.0.0", "::"].contains(host) {
                table.fill(.brokerHost, text: host, .guessed("the address port \(number) of \(broker.name) is bound to"))
            }
        }
        if let port = broker.published(target: 15672), let number = port.publishedPort {
            table.fill(.brokerManagementURL, text: RoleURL.published(hostIP: port.hostIP, port: number),
                       .guessed("published port \(number) → 15672 of service \(broker.name)"))
        }
        if let user = broker.variable("RABBITMQ_DEFAULT_USER", environment: environment) {
            table.fill(.brokerUser, text: user, .guessed("RABBITMQ_DEFAULT_USER of service \(broker.name)"))
            if let password = broker.variable("RABBITMQ_DEFAULT_PASS", environment: environment) {
                table.fill(.brokerPassword, text: password, .guessed("RABBITMQ_DEFAULT_PASS of service \(broker.name)"))
            }
        }
        if let vhost = broker.variable("RABBITMQ_DEFAULT_VHOST", environment: environment) {
            table.fill(.brokerVirtualHost, text: vhost, .guessed("RABBITMQ_DEFAULT_VHOST of service \(broker.name)"))
        }
        inferClientLogin(&table)
        if !table.has(.brokerUser) {
            table.fill(.brokerUser, text: "guest", .defaulted("RabbitMQ's built-in user, as nothing sets another"))
            table.fill(.brokerPassword, text: "guest", .defaulted("RabbitMQ's built-in password, as nothing sets another"))
            if table.has(.brokerAMQPPort) {
                notes.append("The broker login is RabbitMQ's guest, which RabbitMQ refuses from outside loopback: the lab's own AMQP client (dead-letter expiry and overflow) will be refused. Declare broker.user and broker.password if the stack creates a user.")
            }
        }
    }

    /// The login the API and the workers use: an AMQP URL, or user and password variables.
    private func inferClientLogin(_ table: inout RoleTable) {
        let clients = [service(table, .apiService)].compactMap { $0 } + workers(table)
        for client in clients where !table.has(.brokerUser) || !table.has(.brokerVirtualHost) {
            for name in RoleVocabulary.amqpURLVariables {
                guard let text = client.variable(name, environment: environment), let url = AMQPURL(text) else { continue }
                if let user = url.user {
                    table.fill(.brokerUser, text: user, .guessed("\(name) of service \(client.name)"))
                    table.fill(.brokerPassword, text: url.password ?? "", .guessed("\(name) of service \(client.name)"))
                }
                if let vhost = url.virtualHost {
                    table.fill(.brokerVirtualHost, text: vhost, .guessed("\(name) of service \(client.name)"))
                }
            }
        }
        for client in clients where !table.has(.brokerUser) {
            guard let login = login(of: client, users: RoleVocabulary.brokerUserVariables) else { continue }
            table.fill(.brokerUser, text: login.user.value, .guessed("\(login.user.name) of service \(client.name)"))
            if let password = login.password {
                table.fill(.brokerPassword, text: password.value, .guessed("\(password.name) of service \(client.name)"))
            }
        }
    }
}

/// The parts of an AMQP URL (`amqp://user:password@host:5672/vhost`) the lab uses.
struct AMQPURL {
    var user: String?
    var password: String?
    /// The virtual host, `/` for `%2F`; `nil` when the URL names none.
    var virtualHost: String?

    init?(_ text: String) {
        guard let separator = text.range(of: "://"), ["amqp", "amqps"].contains(text[..<separator.lowerBound].lowercased()) else {
            return nil
        }
        let rest = text[separator.upperBound...]
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<slash]
        if let at = authority.lastIndex(of: "@") {
            let login = authority[..<at]
            let colon = login.firstIndex(of: ":")
            user = String(login[..<(colon ?? login.endIndex)]).removingPercentEncoding
            password = colon.map { String(login[login.index(after: $0)...]).removingPercentEncoding ?? "" }
        }
        let path = rest[slash...].dropFirst().split(separator: "?").first.map(String.init) ?? ""
        virtualHost = path.isEmpty ? nil : path.removingPercentEncoding
    }
}
