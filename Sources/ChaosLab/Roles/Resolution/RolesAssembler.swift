/// Turns a complete roles table (declared, guessed and defaulted values) into
/// ``StackRoles``, the findings a person reads, and what is missing.
struct RolesAssembler {
    var table: RoleTable
    /// Containers per service, for the services that run other than one
    /// (`deploy.replicas`, `scale`).
    var replicas: [String: Int] = [:]

    /// The workers: each service, or each container of a service that runs several
    /// (`worker#1`, `worker#2`), so that a fault hits one container and deliveries are told
    /// apart per container.
    static func workers(_ services: [String], replicas: [String: Int]) -> [String] {
        services.flatMap { service -> [String] in
            guard let count = replicas[service], count != 1 else { return [service] }
            return (0..<count).map { ServiceTarget.workerName(service: service, index: $0 + 1) }
        }
    }

    func roles() -> StackRoles? {
        guard let broker = table.text(.brokerService),
              let services = table[.workers]?.value.names, case let workers = Self.workers(services, replicas: replicas), !workers.isEmpty,
              let workQueue = table.text(.workQueue) else {
            return nil
        }
        let access = brokerAccess()
        return StackRoles(
            broker: broker,
            brokerAccess: access,
            // A published port's access carries the login; without one the lab still logs in,
            // at the broker container's own address.
            brokerLogin: access != nil ? nil : BrokerCredentials(
                user: table.text(.brokerUser) ?? "guest",
                password: table.text(.brokerPassword) ?? "guest",
                virtualHost: table.text(.brokerVirtualHost) ?? "/"
            ),
            api: api(),
            workers: workers,
            workQueue: workQueue,
            deadLetterQueue: table.text(.deadLetterQueue),
            proxy: proxy(),
            workerEvidence: WorkerEvidence(
                receivedPattern: table.text(.receivedPattern),
                donePattern: table.text(.donePattern),
                rejectedPattern: table.text(.rejectedPattern),
                recordFile: table.text(.recordFile),
                effectFile: table.text(.effectFile)
            ),
            events: events(),
            counter: counter(),
            trigger: trigger()
        )
    }

    private func events() -> EventRoute? {
        guard let routingKey = table.text(.eventsRoutingKey), let template = table.text(.eventsBodyTemplate) else { return nil }
        return EventRoute(
            exchange: table.text(.eventsExchange) ?? "",
            routingKey: routingKey,
            bodyTemplate: template,
            persistent: table.text(.eventsPersistent) == "true"
        )
    }

    private func trigger() -> EventTrigger? {
        guard let url = table.text(.eventsTriggerURL), let key = table.text(.eventsTriggerKey) else { return nil }
        return EventTrigger(url: url, key: key)
    }

    private func counter() -> CounterRole? {
        guard let service = table.text(.counterService), let url = table.text(.counterURL) else { return nil }
        return CounterRole(service: service, url: url, user: table.text(.counterUser), password: table.text(.counterPassword))
    }

    private func brokerAccess() -> BrokerAccess? {
        guard let port = table[.brokerAMQPPort]?.value.number else { return nil }
        return BrokerAccess(
            host: table.text(.brokerHost) ?? "127.0.0.1",
            amqpPort: port,
            managementURL: table.text(.brokerManagementURL),
            user: table.text(.brokerUser) ?? "guest",
            password: table.text(.brokerPassword) ?? "guest",
            virtualHost: table.text(.brokerVirtualHost) ?? "/"
        )
    }

    private func api() -> APIRole? {
        guard let service = table.text(.apiService), let baseURL = table.text(.apiBaseURL) else { return nil }
        let body = table.text(.apiBodyTemplate) ?? #"{"message": "{{token}}"}"#
        return APIRole(
            service: service,
            baseURL: baseURL,
            proxiedBaseURL: table.text(.apiProxiedBaseURL),
            messagePath: table.text(.apiMessagePath) ?? "/api/message",
            healthPath: table.text(.apiHealthPath),
            user: table.text(.apiUser),
            password: table.text(.apiPassword),
            bodyTemplate: body,
            poisonBodyTemplate: table.text(.apiPoisonBodyTemplate),
            supportsWorkTime: APIRole.asksForWorkTime(body)
        )
    }

    private func proxy() -> ProxyRole? {
        guard let service = table.text(.proxyService), let baseURL = table.text(.proxyBaseURL) else { return nil }
        return ProxyRole(
            service: service,
            baseURL: baseURL,
            secureBaseURL: table.text(.proxySecureBaseURL),
            dashboardURL: table.text(.proxyDashboardURL),
            routes: table[.proxyRoutes]?.value.routes ?? []
        )
    }

    // MARK: - For people

    /// Every field with an entry, in schema order.
    func findings() -> [RoleFinding] {
        RoleField.allCases.compactMap { field in
            // Inside a role declared absent (`api: null`) other layers' values are moot.
            guard let entry = table[field], entry.value == RoleValue.none || !table.isAbsent(field) else { return nil }
            return RoleFinding(field: field, value: Self.display(entry.value, secret: field.isSecret), source: entry.source)
        }
    }

    static func display(_ value: RoleValue, secret: Bool) -> String {
        switch value {
        case .text(let text) where secret:
            text.isEmpty ? "(empty)" : String(repeating: "*", count: 8)
        case .text(let text):
            text
        case .number(let number):
            String(number)
        case .names(let names):
            names.joined(separator: ", ")
        case .routes(let routes):
            routes.map { route in
                "GET \(route.path) → \(route.status)" + (route.bodyContains.map { " with \"\($0)\"" } ?? "") + " (\(route.target))"
            }.joined(separator: "; ")
        case .none:
            "none"
        }
    }

    /// What is neither declared (present or absent) nor guessed, with what it costs.
    func missing() -> [MissingRole] {
        var missing: [MissingRole] = []
        func lacks(_ field: RoleField) -> Bool {
            !table.has(field) && !table.isAbsent(field)
        }
        let publishing = ["round-robin", "prefetch-fairness", "redelivery", "persistence", "api-contract"]
        // Essential roles are missing also when declared absent: no check runs without them.
        if table.text(.brokerService) == nil {
            missing.append(MissingRole(field: .brokerService, isEssential: true, consequence: "No service looks like a RabbitMQ broker, so no check can run.", checks: CheckCatalogue.names))
        }
        if table[.workers]?.value.names?.isEmpty != false {
            missing.append(MissingRole(field: .workers, isEssential: true, consequence: "No service looks like a worker, so no check can run.", checks: CheckCatalogue.names))
        }
        if table.text(.workQueue) == nil {
            missing.append(MissingRole(field: .workQueue, isEssential: true, consequence: "The work queue's name is unknown, so no check can prepare the stack.", checks: CheckCatalogue.names))
        }
        if lacks(.apiService), table.has(.eventsRoutingKey) {
            // A counting stack: the lab publishes its events in the producers' format.
            missing.append(MissingRole(field: .apiService, consequence: "No service looks like an HTTP API the host can reach; the lab publishes events in the producers' format instead, so what depends on an API's answers is not checked.",
                                       checks: ["round-robin", "prefetch-fairness", "api-contract"]))
        } else if lacks(.apiService) {
            missing.append(MissingRole(field: .apiService, consequence: "No service looks like an HTTP API the host can reach, so nothing can be published.", checks: publishing))
        } else if table.text(.apiService) != nil, lacks(.apiBaseURL) {
            missing.append(MissingRole(field: .apiBaseURL, consequence: "The API publishes no port and is not behind the proxy, so the host cannot reach it.", checks: publishing))
        }
        if lacks(.deadLetterQueue) {
            missing.append(MissingRole(field: .deadLetterQueue, consequence: "No dead-letter queue is known from the files; the lab looks for it in the broker's live topology at run time.", checks: ["dead-letter"]))
        }
        if table.text(.apiBaseURL) != nil, lacks(.apiPoisonBodyTemplate) {
            missing.append(MissingRole(field: .apiPoisonBodyTemplate, consequence: "No poison message is known, so rejection into the dead-letter queue is not tried.", checks: ["dead-letter"]))
        }
        if table.text(.brokerService) != nil, lacks(.brokerAMQPPort) {
            missing.append(MissingRole(field: .brokerAMQPPort, consequence: "The broker's AMQP port is not published, so guest and weak logins are not tried from outside (the lab itself reaches the broker at its container's address).", checks: ["security"]))
        }
        if table.text(.brokerService) != nil, lacks(.brokerManagementURL) {
            missing.append(MissingRole(field: .brokerManagementURL, consequence: "The management API is not published, so guest is not tried there.", checks: ["security"]))
        }
        if lacks(.proxyService) {
            missing.append(MissingRole(field: .proxyService, consequence: "No service looks like a Traefik proxy, so routes are not checked.", checks: ["traefik-routes", "security"]))
        } else if table.text(.proxyService) != nil, lacks(.proxyBaseURL) {
            missing.append(MissingRole(field: .proxyBaseURL, consequence: "The proxy's plain HTTP entry point is not published, so routes are not checked.", checks: ["traefik-routes", "security"]))
        } else if table.text(.proxyBaseURL) != nil, lacks(.proxyRoutes) {
            missing.append(MissingRole(field: .proxyRoutes, consequence: "No route is known, so only an unknown path's 404 and Traefik's routers are checked.", checks: ["traefik-routes"]))
        }
        if table.text(.counterService) != nil {
            if lacks(.counterURL) {
                missing.append(MissingRole(field: .counterURL, consequence: "The counting service's page is not reachable from the host (no published port, no proxy route), so its counts cannot be read.", checks: ["exact-counts"]))
            }
            if lacks(.eventsRoutingKey) || lacks(.eventsBodyTemplate) {
                missing.append(MissingRole(field: lacks(.eventsRoutingKey) ? .eventsRoutingKey : .eventsBodyTemplate, consequence: "How the producers publish (routing key, body format, counted field) is not known from the code, so the lab cannot publish events in their place.", checks: ["exact-counts"]))
            }
        }
        return missing
    }
}
