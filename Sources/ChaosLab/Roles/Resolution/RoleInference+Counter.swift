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
        let producers = file.services.filter { $0.name != counter.name && scans[$0.name]?.eventPublish != nil }
        guard let producer = producers.first, let clue = scans[producer.name]?.eventPublish else {
            notes.append("No producer's publish call with a dict body was found; declare events.routing_key and events.body_template so the lab can publish events for \(counter.name) to count.")
            return
        }
        let keys = clue.fields.map(\.key)
        guard let key = scan.readFields.first(where: keys.contains) ?? clue.fields.first(where: { $0.literal == nil })?.key else {
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
}
