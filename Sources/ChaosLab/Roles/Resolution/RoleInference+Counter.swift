/// A counting stack: the consumer that counts events per key and serves its counts, and how
/// the producers publish those events.
extension RoleInference {
    /// Words of a route that shows counts.
    static let countRouteWords = ["report", "conteo", "count", "stat", "estadistica", "metric", "analitic", "resumen", "summary"]
    /// Variables holding the login of a counter's page, most specific first.
    static let counterUserVariables = ["REPORTE_USER", "REPORT_USER", "COUNTER_USER", "ADMIN_USER"] + RoleVocabulary.apiUserVariables

    /// The counter: a worker whose code counts per key (`conteo[k] += 1`) and answers GET on a
    /// route; its page's address; how its producers publish.
    func inferCounter(_ table: inout RoleTable, _ notes: inout [String]) {
        guard !table.has(.counterService), !table.isAbsent(.counterService) else { return }
        let counting = workers(table).filter { service in
            guard let scan = scans[service.name] else { return false }
            return scan.countsPerKey != nil && !scan.getRoutes.isEmpty
        }
        guard let counter = counting.first, let scan = scans[counter.name], let increment = scan.countsPerKey else { return }
        table.fill(.counterService, text: counter.name, .guessed("\(increment.value) in \(increment.place), in a worker that answers GET"))
        if let note = Self.choiceNote("counting service", chosen: counter.name, others: counting.dropFirst().map(\.name), field: .counterService) {
            notes.append(note)
        }
        inferCounterPage(counter, scan: scan, &table, &notes)
        inferEvents(counter: counter, scan: scan, &table, &notes)
        inferTrigger(counter: counter, scan: scan, &table, &notes)
    }

    /// The services other than the counter whose code publishes a dict, in file order.
    private func producers(besides counter: ComposeService) -> [ComposeService] {
        file.services.filter { $0.name != counter.name && scans[$0.name]?.eventPublish != nil }
    }

    /// The field the counter counts by: the one it reads that the producer's dict has, else
    /// the dict's first computed field.
    private static func countedField(_ clue: EventPublishClue, counterScan: BuildContextScan) -> EventPublishClue.Field? {
        clue.fields.first { counterScan.readFields.contains($0.key) } ?? clue.fields.first { $0.literal == nil }
    }

    private func inferCounterPage(_ counter: ComposeService, scan: BuildContextScan, _ table: inout RoleTable, _ notes: inout [String]) {
        let named = scan.getRoutes.filter { route in Self.countRouteWords.contains(where: route.value.lowercased().contains) }
        guard let route = named.first ?? (scan.getRoutes.count == 1 ? scan.getRoutes.first : nil) else {
            notes.append("\(counter.name) answers GET on several paths (\(scan.getRoutes.map(\.value).joined(separator: ", "))); declare counter.url to say which one shows the counts.")
            return
        }
        if let port = counter.publishedTCPPorts.first, let number = port.publishedPort {
            table.fill(.counterURL, text: RoleURL.published(hostIP: port.hostIP, port: number) + route.value,
                       .guessed("the route in \(route.place), on published port \(number) → \(port.target) of service \(counter.name)"))
        } else if counter.hasRouterLabels, let proxyBase = table.text(.proxyBaseURL) {
            table.fill(.counterURL, text: proxyBase + route.value, .guessed("the route in \(route.place), through the Traefik router labels of service \(counter.name)"))
        }
        if let login = login(of: counter, users: Self.counterUserVariables) {
            table.fill(.counterUser, text: login.user.value, .guessed("\(login.user.name) of service \(counter.name)"))
            if let password = login.password {
                table.fill(.counterPassword, text: password.value, .guessed("\(password.name) of service \(counter.name)"))
            }
        } else if counter.labels.contains(where: { $0.key.contains(".basicauth.") }) {
            notes.append("\(counter.name)'s page is behind Traefik basic auth, whose password the labels keep only hashed; declare counter.user and counter.password.")
        }
    }

    /// The producers' publish call: a service other than the counter whose code publishes a
    /// dict; the counted field is the one the counter reads that the dict has.
    private func inferEvents(counter: ComposeService, scan: BuildContextScan, _ table: inout RoleTable, _ notes: inout [String]) {
        guard !table.has(.eventsRoutingKey), !table.isAbsent(.eventsRoutingKey) else { return }
        guard let producer = producers(besides: counter).first, let clue = scans[producer.name]?.eventPublish else {
            notes.append("No producer's publish call with a dict body was found; declare events.routing_key and events.body_template so the lab can publish events for \(counter.name) to count.")
            return
        }
        guard let key = Self.countedField(clue, counterScan: scan)?.key else {
            notes.append("The events published in \(clue.place) have no field \(counter.name) is seen reading; declare events.body_template with {{token}} in the counted field.")
            return
        }
        let source = RoleSource.guessed("the basic_publish call in \(clue.place) of service \(producer.name)")
        if !clue.exchange.isEmpty { table.fill(.eventsExchange, text: clue.exchange, source) }
        table.fill(.eventsRoutingKey, text: clue.routingKey, source)
        let format = clue.format == .json ? "json.dumps" : "str() of a dict"
        let read = scan.readFields.contains(key) ? ", the field \(counter.name) reads" : ", the field the producer computes"
        table.fill(.eventsBodyTemplate, text: clue.bodyTemplate(key: key), .guessed("the message published in \(clue.place) (\(format)), with the lab's key in \(key)\(read)"))
        table.fill(.eventsPersistent, text: clue.persistent ? "true" : "false",
                   .guessed(clue.persistent ? "delivery_mode=2 in the code of service \(producer.name)" : "no delivery mode in the code of service \(producer.name): transient"))
    }

    /// A producer's trigger: a GET route in the file that publishes, reachable from the host
    /// (through its Traefik router, else a published port), and the key its events carry
    /// (the counted field's literal, or the environment variable the code reads it from).
    private func inferTrigger(counter: ComposeService, scan: BuildContextScan, _ table: inout RoleTable, _ notes: inout [String]) {
        guard !table.has(.eventsTriggerURL), !table.isAbsent(.eventsRoutingKey) else { return }
        var found: [(producer: ComposeService, url: String, key: String, reason: String)] = []
        for producer in producers(besides: counter) {
            guard let producerScan = scans[producer.name], let clue = producerScan.eventPublish,
                  let route = Self.triggerRoute(producerScan, clue: clue),
                  let field = Self.countedField(clue, counterScan: scan) else { continue }
            let key: (value: String, how: String)?
            if let literal = field.literal {
                key = (literal, "the literal \(field.key) in \(clue.place)")
            } else if let read = field.environment {
                if let value = producer.variable(read.variable, environment: environment) {
                    key = (value, "\(read.variable) of service \(producer.name), which \(field.key) takes in \(clue.place)")
                } else if let fallback = read.fallback {
                    key = (fallback, "the default of \(read.variable) in \(clue.place) (service \(producer.name) does not set it)")
                } else {
                    key = nil
                }
            } else {
                key = nil
            }
            guard let key else { continue }
            let path = Self.concretePath(route.value, routed: producer.routedPaths)
            if producer.hasRouterLabels, let proxyBase = table.text(.proxyBaseURL), let routed = path.routed {
                found.append((producer, proxyBase + routed, key.value, "the GET route in \(route.place) that publishes, through the Traefik router of service \(producer.name) (\(routed)); the key: \(key.how)"))
            } else if let port = producer.publishedTCPPorts.first, let number = port.publishedPort {
                found.append((producer, RoleURL.published(hostIP: port.hostIP, port: number) + path.direct, key.value,
                              "the GET route in \(route.place) that publishes, on published port \(number) of service \(producer.name); the key: \(key.how)"))
            }
        }
        guard let chosen = found.first else { return }
        let source = RoleSource.guessed(chosen.reason)
        table.fill(.eventsTriggerURL, text: chosen.url, source)
        table.fill(.eventsTriggerKey, text: chosen.key, source)
        if found.count > 1 {
            notes.append("Several producers publish one event per request (\(found.map { "\($0.producer.name) at \($0.url)" }.joined(separator: ", "))); \(chosen.producer.name)'s was taken as the trigger. Declare events.trigger_url and events.trigger_key to choose.")
        }
    }

    /// The GET route of the file that publishes, when it has one (health routes left out).
    static func triggerRoute(_ scan: BuildContextScan, clue: EventPublishClue) -> SourceClue? {
        let file = clue.place.split(separator: ":").first.map(String.init) ?? clue.place
        return scan.getRoutes.first { route in
            route.file == file && !RoleVocabulary.healthWords.contains(where: route.value.lowercased().contains)
        }
    }

    /// A Flask route (`/cliente/<nombre>`) made a path the lab can request: through a router,
    /// the routed path that fits it (`/cliente/uno`); direct, with a word in each variable part.
    static func concretePath(_ route: String, routed: [String]) -> (routed: String?, direct: String) {
        let direct = route.replacing(#/<[^>]*>/#, with: "chaoslab")
        guard let open = route.firstIndex(of: "<") else {
            return (routed.contains(where: route.hasPrefix) ? route : nil, direct)
        }
        let fixed = String(route[..<open])
        return (routed.first { $0.hasPrefix(fixed) && $0.count > fixed.count }, direct)
    }
}
