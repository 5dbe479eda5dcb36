/// Which service plays which role.
extension RoleInference {
    /// The broker: a service whose image is RabbitMQ, else one named like a broker.
    func inferBroker(_ table: inout RoleTable, _ notes: inout [String]) {
        guard !table.has(.brokerService) else { return }
        let byImage = file.services.filter { $0.image?.lowercased().contains("rabbitmq") == true }
        if let chosen = byImage.first {
            table.fill(.brokerService, text: chosen.name, .guessed("image \(chosen.image ?? "") of service \(chosen.name)"))
            if let note = Self.choiceNote("broker", chosen: chosen.name, others: byImage.dropFirst().map(\.name), field: .brokerService) {
                notes.append(note)
            }
            return
        }
        let byName = file.services.filter { service in
            RoleVocabulary.names(service.name, oneOf: RoleVocabulary.broker)
                || service.buildFolderName.map { RoleVocabulary.names($0, oneOf: RoleVocabulary.broker) } == true
        }
        if let chosen = byName.first {
            table.fill(.brokerService, text: chosen.name, .guessed("the name of service \(chosen.name)"))
            if let note = Self.choiceNote("broker", chosen: chosen.name, others: byName.dropFirst().map(\.name), field: .brokerService) {
                notes.append(note)
            }
        }
    }

    /// The proxy: a service whose image is Traefik, else one run with Traefik's flags, else one
    /// named like a proxy.
    func inferProxy(_ table: inout RoleTable, _ notes: inout [String]) {
        guard !table.has(.proxyService), !table.isAbsent(.proxyService) else { return }
        let broker = table.text(.brokerService)
        let candidates = file.services.filter { $0.name != broker }
        if let chosen = candidates.first(where: { $0.imageName?.contains("traefik") == true }) {
            table.fill(.proxyService, text: chosen.name, .guessed("image \(chosen.image ?? "") of service \(chosen.name)"))
        } else if let chosen = candidates.first(where: { $0.commandWords.contains { $0.hasPrefix("--providers.") || $0.hasPrefix("--entrypoints.") } }) {
            table.fill(.proxyService, text: chosen.name, .guessed("Traefik's flags in the command of service \(chosen.name)"))
        } else if let chosen = candidates.first(where: { RoleVocabulary.names($0.name, oneOf: RoleVocabulary.proxy) }) {
            table.fill(.proxyService, text: chosen.name, .guessed("the name of service \(chosen.name)"))
        }
    }

    /// The workers: services named like workers or whose command runs a worker script; failing
    /// that, services whose source code consumes a queue.
    func inferWorkers(_ table: inout RoleTable, _ notes: inout [String]) {
        guard !table.has(.workers) else { return }
        var chosen: [(name: String, reason: String)] = []
        for service in unassigned(table) {
            if RoleVocabulary.namesWorker(service.name) {
                chosen.append((service.name, "its name"))
            } else if let folder = service.buildFolderName, RoleVocabulary.namesWorker(folder) {
                chosen.append((service.name, "its build folder \(folder)"))
            } else if let word = service.commandWords.first(where: RoleVocabulary.commandRunsWorker) {
                chosen.append((service.name, "its command (\(word))"))
            } else if let scan = scans[service.name], let word = scan.dockerfileCommand.first(where: RoleVocabulary.commandRunsWorker) {
                chosen.append((service.name, "the CMD of \(scan.dockerfile ?? "its Dockerfile") (\(word))"))
            }
        }
        if chosen.isEmpty {
            // An API that also consumes (replies, say) is still the API, not a worker.
            for service in unassigned(table) {
                guard let scan = scans[service.name], let consumes = scan.consumes else { continue }
                if scan.publishes != nil, RoleVocabulary.names(service.name, oneOf: RoleVocabulary.api) { continue }
                chosen.append((service.name, "\(consumes.value) in \(consumes.place)"))
            }
        }
        guard !chosen.isEmpty else { return }
        let reason = chosen.map { "\($0.name): \($0.reason)" }.joined(separator: "; ")
        table.fill(.workers, .names(chosen.map(\.name)), .guessed(reason))
    }

    /// The API: a service named like an API (or built from such a folder) that the host can
    /// reach (a published port, or Traefik router labels); failing that, one whose source
    /// code publishes.
    func inferAPI(_ table: inout RoleTable, _ notes: inout [String]) {
        guard !table.has(.apiService), !table.isAbsent(.apiService) else { return }
        let hasProxy = table.text(.proxyService) != nil
        let reachable = unassigned(table).filter { !$0.publishedTCPPorts.isEmpty || (hasProxy && $0.hasRouterLabels) }
        func rank(_ service: ComposeService) -> (Int, String)? {
            let named = [(service.name, "its name"), (service.buildFolderName ?? "", "its build folder")]
            for (name, how) in named {
                let words = RoleVocabulary.words(name)
                if let index = RoleVocabulary.api.firstIndex(where: words.contains) {
                    return (index, "\(how) (\(RoleVocabulary.api[index]))")
                }
            }
            return nil
        }
        let byName = reachable.compactMap { service in rank(service).map { (service, $0) } }
            .enumerated()
            .sorted { ($0.element.1.0, $0.offset) < ($1.element.1.0, $1.offset) }
            .map(\.element)
        if let (chosen, (_, how)) = byName.first {
            table.fill(.apiService, text: chosen.name, .guessed("\(how) of service \(chosen.name), reachable from the host"))
            if let note = Self.choiceNote("API", chosen: chosen.name, others: byName.dropFirst().map(\.0.name), field: .apiService) {
                notes.append(note)
            }
            return
        }
        // A service that publishes only from a GET route takes no message: it is a trigger
        // (seed 004's `GET /cliente/uno`), which exact-counts uses, not an API.
        let publishing = reachable.filter { service in
            guard let scan = scans[service.name], scan.publishes != nil else { return false }
            if scan.postRoutes.isEmpty, let clue = scan.eventPublish, Self.triggerRoute(scan, clue: clue) != nil { return false }
            return true
        }
        if let chosen = publishing.first, let call = scans[chosen.name]?.publishes {
            table.fill(.apiService, text: chosen.name, .guessed("\(call.value) in \(call.place), a service reachable from the host"))
            if let note = Self.choiceNote("API", chosen: chosen.name, others: publishing.dropFirst().map(\.name), field: .apiService) {
                notes.append(note)
            }
        }
    }
}
