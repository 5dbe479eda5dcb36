extension CheckApplicability {
    /// The checks' conditions on roles, by check name, mirroring the guards each check starts
    /// with (and the parts it skips).
    static let assessed = ["round-robin", "prefetch-fairness", "redelivery", "persistence", "dead-letter", "api-contract", "security", "traefik-routes"]

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
        let evidence = roles.workerEvidence
        // Deliveries are judged from the broker; the workers' output counts only where the
        // dead-letter check looks for the messages sent after a poison one.
        let seesFinished = evidence.donePattern != nil || evidence.recordFile != nil
        let workTime = "The API cannot ask for a long task (no {{work_ms}} or {{work_dots}} in api.body_template)"
        switch check {
        case "round-robin":
            if workers < 2 { notApplicable.append("The stack has \(workers) worker; round-robin needs at least two.") }
            if roles.api == nil { notApplicable.append("There is no HTTP API to publish through.") }
        case "prefetch-fairness", "redelivery":
            if workers < 2 { notApplicable.append("The stack has \(workers) worker; \(check) needs a second worker.") }
            if roles.api == nil {
                notApplicable.append("There is no HTTP API to publish through.")
            } else if roles.api?.supportsWorkTime != true {
                notApplicable.append(workTime + (check == "redelivery" ? ", so a worker cannot be caught in the middle of one." : ", so a worker cannot be kept busy on purpose."))
            }
        case "persistence":
            if roles.api == nil { notApplicable.append("There is no HTTP API to publish through.") }
            if let api = roles.api, !api.supportsWorkTime { limits.append(workTime + ", so no message is in flight at the kill; only queued messages are checked.") }
        case "dead-letter":
            if roles.deadLetterQueue == nil {
                notApplicable.append("The stack declares no dead-letter queue, so it does not claim dead-lettering.")
            } else {
                let poison = roles.api?.poisonBodyTemplate != nil
                let login = roles.brokerAccess != nil
                if !poison && !login {
                    notApplicable.append("Neither a poison message (api.poison_body_template) nor a broker login (broker.amqp_port) is known, so nothing can be dead-lettered on purpose.")
                } else {
                    if !poison { limits.append("No poison message (api.poison_body_template): rejection is not tried.") }
                    if poison && !seesFinished {
                        limits.append("The workers show no finished message (worker_evidence.done_pattern or record_file), and the messages sent after the poison one are counted from the workers' output: the rejection part can only fail for lack of evidence.")
                    }
                    if !login { limits.append("No broker login (broker.amqp_port): expiry and overflow are not tried.") }
                }
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
        default:
            break
        }
        if !notApplicable.isEmpty {
            return CheckApplicability(check: check, status: .notApplicable, reasons: notApplicable)
        }
        return CheckApplicability(check: check, status: limits.isEmpty ? .applies : .limited, reasons: limits)
    }
}
