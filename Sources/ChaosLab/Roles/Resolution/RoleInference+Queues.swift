/// The work queue and the dead-letter queue, by name.
extension RoleInference {
    /// Queue names from the environment of the workers, the API and the broker (variables such
    /// as `QUEUE_NAME`, `DEAD_LETTER_QUEUE`), else from their source code (`queue_declare`,
    /// constants, defaults of environment lookups).
    func inferQueues(_ table: inout RoleTable, _ notes: inout [String]) {
        let services = workers(table) + [service(table, .apiService), service(table, .brokerService)].compactMap { $0 }
        if !table.has(.workQueue) {
            let found = queueVariables(in: services, exact: RoleVocabulary.queueVariables) { name in
                (name.hasSuffix("QUEUE") || name.hasSuffix("QUEUE_NAME"))
                    && !SourcePatterns.isDeadLetter(name) && !RoleVocabulary.otherQueueMarks.contains { name.contains($0) }
            }
            if let (value, reason) = found.first {
                table.fill(.workQueue, text: value, .guessed(reason))
            } else if let clue = services.compactMap({ scans[$0.name]?.queues.first }).first {
                table.fill(.workQueue, text: clue.value, .guessed("the queue named in \(clue.place)"))
            }
            note(conflicts: found.map(\.value) + services.compactMap { scans[$0.name]?.queues.first?.value }, role: "work queue", field: .workQueue, chosen: table.text(.workQueue), notes: &notes)
        }
        if !table.has(.deadLetterQueue) {
            let found = queueVariables(in: services, exact: RoleVocabulary.deadLetterVariables) { name in
                SourcePatterns.isDeadLetter(name) && (name.contains("QUEUE") || name.contains("DLQ"))
            }
            if let (value, reason) = found.first {
                table.fill(.deadLetterQueue, text: value, .guessed(reason))
            } else if let clue = services.compactMap({ scans[$0.name]?.deadLetterQueues.first }).first {
                table.fill(.deadLetterQueue, text: clue.value, .guessed("the dead-letter queue named in \(clue.place)"))
            }
        }
    }

    /// Values of queue variables, each with its reason: the `exact` names first (in order), then
    /// any variable `matches` accepts, service by service.
    private func queueVariables(in services: [ComposeService], exact: [String], matches: (String) -> Bool) -> [(value: String, reason: String)] {
        var found: [(String, String)] = []
        for service in services {
            for name in exact {
                if let value = service.variable(name, environment: environment) {
                    found.append((value, "\(name) of service \(service.name)"))
                }
            }
        }
        for service in services {
            for name in service.environment.keys.sorted() where !exact.contains(name) && matches(name.uppercased()) {
                if let value = service.variable(name, environment: environment) {
                    found.append((value, "\(name) of service \(service.name)"))
                }
            }
        }
        return found
    }

    private func note(conflicts: [String], role: String, field: RoleField, chosen: String?, notes: inout [String]) {
        let distinct = conflicts.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        guard distinct.count > 1, let chosen else { return }
        notes.append("The services name several queues (\(distinct.joined(separator: ", "))); \(chosen) was taken as the \(role). Declare \(field.rawValue) to choose.")
    }

    /// Routes the proxy must serve, from the Traefik rules of the API and the broker: the API's
    /// health path under its prefix, and the management UI under the broker's prefix.
    func inferProxyRoutes(_ table: inout RoleTable) {
        guard table.has(.proxyBaseURL), !table.has(.proxyRoutes) else { return }
        var routes: [ProxyRoute] = []
        var reasons: [String] = []
        if let api = service(table, .apiService), let health = table.text(.apiHealthPath),
           api.routedPaths.contains(where: { health.hasPrefix($0) }) {
            routes.append(ProxyRoute(path: health, target: "the API's health endpoint"))
            reasons.append(api.name)
        }
        if let broker = service(table, .brokerService), let prefix = broker.routedPaths.first {
            routes.append(ProxyRoute(path: prefix.hasSuffix("/") ? prefix : prefix + "/", target: "the RabbitMQ management UI", bodyContains: "RabbitMQ Management"))
            reasons.append(broker.name)
        }
        if let base = table.text(.proxyBaseURL) {
            // A counting stack's paths through the proxy: a producer's trigger answers, the
            // counter's page asks for its login first when it has one.
            if let trigger = table.text(.eventsTriggerURL), trigger.hasPrefix(base + "/") {
                routes.append(ProxyRoute(path: String(trigger.dropFirst(base.count)), target: "a producer's trigger (it publishes one event)"))
                reasons.append("the trigger")
            }
            if let counter = table.text(.counterURL), counter.hasPrefix(base + "/") {
                let service = self.service(table, .counterService)
                let guarded = table.has(.counterUser) || service?.hasBasicAuthLabels == true
                routes.append(ProxyRoute(path: String(counter.dropFirst(base.count)), target: guarded ? "the counter's page, asked without its login" : "the counter's page", status: guarded ? 401 : 200))
                reasons.append(table.text(.counterService) ?? "the counter")
            }
        }
        guard !routes.isEmpty else { return }
        table.fill(.proxyRoutes, .routes(routes), .guessed("the Traefik router rules of \(reasons.joined(separator: " and "))"))
    }

    /// What nobody gave and the lab can assume: the API's usual path and body, the broker's
    /// address and virtual host, and worker output that names the lab's tokens.
    func inferDefaults(_ table: inout RoleTable) {
        if table.has(.apiService), !table.isAbsent(.apiService) {
            table.fill(.apiMessagePath, text: "/api/message", .defaulted("the path the seeds' APIs take messages on"))
            table.fill(.apiBodyTemplate, text: #"{"message": "{{token}}"}"#, .defaulted(#"a JSON body with the token as "message", as student APIs take it"#))
        }
        if table.has(.brokerAMQPPort), !table.isAbsent(.brokerAMQPPort) {
            table.fill(.brokerHost, text: "127.0.0.1", .defaulted("the published port is reached on this host"))
        }
        table.fill(.brokerVirtualHost, text: "/", .defaulted("RabbitMQ's default virtual host"))
        table.fill(.receivedPattern, text: Self.anyTokenPattern, .defaulted("any line of a worker's output that names one of the lab's tokens"))
    }

    /// Matches a token of the lab (`round-robin-3fa2c1-7`: check, run id, number) anywhere in a line.
    static let anyTokenPattern = #"(?<token>[a-z]+(?:-[a-z]+)*-[0-9a-f]{6}-[0-9]+)"#
}
