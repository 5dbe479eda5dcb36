extension CheckApplicability {
    /// The checks' conditions on roles, by check name, mirroring the guards each check starts
    /// with (and the parts it skips).
    static let assessed = ["round-robin", "prefetch-fairness", "redelivery", "persistence", "dead-letter", "api-contract", "security", "traefik-routes", "exact-counts"]

    /// Every catalogued check judged against `roles`; `nil` roles (broker, workers or work
    /// queue unknown) means no check can run.
    public static func assess(_ roles: StackRoles?) -> [CheckApplicability] {
        CheckCatalogue.names.map { name in
            guard let roles else {
                return CheckApplicability(check: name, status: .cannotRun, reasons: ["The broker, the workers or the work queue are unknown."])
            }
            return assess(name, roles)
        }
    }

    static func assess(_ check: String, _ roles: StackRoles) -> CheckApplicability {
        var notApplicable: [String] = []
        var limits: [String] = []
        let workers = roles.workers.count
        let workTime = "The API cannot ask for a long task (no {{work_ms}} or {{work_dots}} in api.body_template)"
        // Deliveries are seen on the broker, so nothing here depends on what the workers print.
        switch check {
        case "round-robin":
            if workers < 2 { notApplicable.append("The stack has \(workers) worker; round-robin needs at least two.") }
            if roles.api == nil { notApplicable.append("There is no HTTP API to publish through.") }
        case "prefetch-fairness":
            if workers < 2 { notApplicable.append("The stack has \(workers) worker; \(check) needs a second worker.") }
            if roles.api == nil {
                notApplicable.append("There is no HTTP API to publish through.")
            } else if roles.api?.supportsWorkTime != true {
                notApplicable.append(workTime + ", so a worker cannot be kept busy on purpose.")
            }
        case "redelivery":
            if workers < 1 { notApplicable.append("The stack has no worker.") }
            if roles.api == nil, roles.events == nil {
                notApplicable.append("There is no HTTP API to publish through, and how the producers publish their events is not known.")
            } else if roles.api == nil {
                limits.append("There is no HTTP API: the lab publishes a burst of instant events itself, in the producers' format, and kills the consumer while it works through them.")
            }
            if workers == 1 { limits.append("The stack has 1 worker: it is started again after the kill and must get its message back.") }
            if roles.api != nil, roles.api?.supportsWorkTime != true {
                limits.append(workTime + ": the worker is killed while it works through a burst of instant tasks, and what it held unacknowledged must come back.")
            }
        case "persistence":
            if roles.api == nil {
                limits.append("There is no HTTP API: the lab publishes the messages itself, so the producer's delivery mode is not tested.")
            } else if let api = roles.api, !api.supportsWorkTime {
                limits.append(workTime + ", so no message is in flight at the kill; only queued messages are checked.")
            }
        case "dead-letter":
            if roles.deadLetterQueue == nil {
                limits.append("No dead-letter queue is declared or found in the code: the lab reads the work queue's dead-letter exchange (argument or policy) and where it routes from the broker at run time; without one, and without a queue named like a dead-letter queue, the check does not apply.")
            }
            if roles.api?.poisonBodyTemplate == nil {
                limits.append("No poison message (api.poison_body_template): rejection is not tried, only expiry and overflow.")
            }
        case "api-contract":
            if roles.api == nil { notApplicable.append("There is no HTTP API.") }
        case "security":
            if roles.brokerAccess == nil { limits.append("The AMQP port is not published (broker.amqp_port): guest and weak broker logins are not tried.") }
            if roles.brokerAccess?.managementURL == nil { limits.append("The management API is not published (broker.management_url): guest is not tried there.") }
            if roles.api?.user == nil { limits.append("The API asks for no credentials (api.user), so none are guessed.") }
            if roles.proxy == nil { limits.append("There is no reverse proxy, so no dashboard exposure is checked.") }
        case "traefik-routes":
            if roles.proxy == nil {
                notApplicable.append("The stack has no reverse proxy.")
            } else if roles.proxy?.routes.isEmpty == true {
                limits.append("No routes are known (proxy.routes): only an unknown path's 404 and Traefik's routers are checked.")
            }
        case "exact-counts":
            if roles.counter == nil {
                notApplicable.append("The stack has no service that counts events per key (counter role).")
            } else if roles.events == nil, let trigger = roles.trigger {
                limits.append("How the producers publish (events.routing_key, events.body_template) is unknown: only \(trigger.url) is requested and its key counted; the crash phases need the lab's own events, so the check will be inconclusive at best.")
            } else if roles.events == nil {
                limits.append("How the producers publish (events.routing_key, events.body_template) is unknown, so the lab cannot publish events in their place; the check will be inconclusive.")
            }
        default:
            break
        }
        if !notApplicable.isEmpty {
            return CheckApplicability(check: check, status: .notApplicable, reasons: notApplicable)
        }
        return CheckApplicability(check: check, status: limits.isEmpty ? .applies : .limited, reasons: limits)
    }
}
