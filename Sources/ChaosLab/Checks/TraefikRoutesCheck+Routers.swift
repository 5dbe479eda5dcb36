import Foundation

extension TraefikRoutesCheck {
    /// One request for a router Traefik reports.
    struct RouterRequest: Sendable, Hashable {
        /// The router's name, e.g. `api-secure@docker`.
        var router: String
        var url: String
        /// The Host header, when the rule names a host.
        var host: String?

        var line: String {
            "GET \(url)" + (host.map { " (Host: \($0))" } ?? "") + " [router \(router)]"
        }
    }

    /// What the check will ask for Traefik's routers, what it cannot ask and why, and the
    /// routers Traefik itself says are broken.
    struct RouterPlan: Sendable, Hashable {
        var requests: [RouterRequest] = []
        var skipped: [String] = []
        var problems: [String] = []
    }

    /// A request per path of each enabled router's rule (a claimed path it takes when there is
    /// one, else each literal `Path`/`PathPrefix`, else `/`) with the rule's first host, on
    /// each of its entry points that is published (TLS routers over https). Without entry
    /// points from Traefik's API, the roles' plain and secure base URLs stand in for them.
    static func routerRequests(map: TraefikRouteMap, ports: [PublishedPort], claimed: [ProxyRoute], fallback: (plain: String, secure: String?)) -> RouterPlan {
        var plan = RouterPlan()
        for router in map.routers where !router.isInternal {
            guard router.isEnabled else {
                plan.problems.append("Traefik reports router \(router.name) (\(router.rule)) as disabled" + (router.error.map { ": " + $0.joined(separator: "; ") } ?? ""))
                continue
            }
            let host = router.hosts.first
            let paths = Self.paths(of: router, host: host, claimed: claimed)
            guard !paths.isEmpty else {
                plan.skipped.append("router \(router.name): no literal path in \(router.rule) that the rule itself takes; not asked")
                continue
            }
            let scheme = router.tls == nil ? "http" : "https"
            var bases: [String] = []
            if map.entryPoints.isEmpty {
                if let base = router.tls == nil ? fallback.plain : fallback.secure {
                    bases.append(base)
                } else {
                    plan.skipped.append("router \(router.name) has TLS but the proxy has no TLS entrypoint the lab knows; not asked")
                }
            } else {
                for name in router.using ?? router.entryPoints ?? map.entryPoints.map(\.name) {
                    guard let point = map.entryPoints.first(where: { $0.name == name }), let port = point.port else {
                        plan.skipped.append("router \(router.name): entry point \(name) is not one Traefik lists with a TCP port; not asked")
                        continue
                    }
                    guard let published = ports.first(where: { $0.containerPort == port }) else {
                        plan.skipped.append("router \(router.name): entry point \(name) (:\(port)) is not published to the host; not asked")
                        continue
                    }
                    bases.append("\(scheme)://\(published.reachableAddress):\(published.hostPort)")
                }
            }
            for base in bases {
                for path in paths {
                    let request = RouterRequest(router: router.name, url: base + path, host: host)
                    if !plan.requests.contains(request) { plan.requests.append(request) }
                }
            }
        }
        return plan
    }

    /// The paths to ask a router for.
    static func paths(of router: TraefikAPIRouter, host: String?, claimed: [ProxyRoute]) -> [String] {
        if let path = claimed.map(\.path).first(where: { router.matches(path: $0, host: host) }) {
            return [path]
        }
        let literal = router.literalPaths.filter { router.matches(path: $0, host: host) }
        if !literal.isEmpty {
            return literal.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        }
        return router.literalPaths.isEmpty && router.matches(path: "/", host: host) ? ["/"] : []
    }

    /// What is wrong with a router's answer, or `nil` when it reached the router's service
    /// (whatever the service said): no answer, Traefik's own 404 (no router took the request)
    /// and the gateway errors (the service was not reached) are wrong.
    static func routerProblem(_ request: RouterRequest, answer: HTTPExchange?) -> String? {
        let asked = request.line
        guard let answer else {
            return "\(asked) got no answer"
        }
        if answer.isTraefikUnrouted {
            return "\(asked) got Traefik's own 404: no router took it"
        }
        if [502, 503, 504].contains(answer.status) {
            return "\(asked) answered \(answer.status): Traefik did not reach the router's service"
        }
        return nil
    }

    /// What the check concludes from its requests.
    struct Tally: Sendable, Hashable {
        var problems: [String]
        /// Requests for the claimed paths, all answered as claimed when there is no problem.
        var claimedTried: Int
        /// Requests for the routers Traefik reports.
        var routerTried: Int
        /// How many routers Traefik reported, when its API was read.
        var routers: Int?
        /// The schemes of the claimed requests, e.g. `http`, `https`.
        var schemes: [String]
        var hasTLS: Bool
        /// Why Traefik's API could not be read, when a dashboard URL was given but did not answer.
        var unread: String?
        var hasDashboard: Bool
    }

    /// Fails on any problem; never passes on zero requests, nor without the routers Traefik
    /// was to be asked for.
    static func verdict(_ tally: Tally, figures: [Figure] = [], evidence: [Evidence] = []) -> CheckOutcome {
        if !tally.problems.isEmpty {
            return .fail(tally.problems.joined(separator: "; ") + ".", figures: figures, evidence: evidence)
        }
        if let unread = tally.unread {
            return .inconclusive(
                "Traefik's API could not be read, so its routers were not checked: \(unread)"
                    + (tally.claimedTried > 0 ? " (the \(tally.claimedTried) claimed route requests answered as claimed)." : ""),
                figures: figures, evidence: evidence
            )
        }
        if tally.claimedTried + tally.routerTried == 0 {
            let why = tally.hasDashboard
                ? "Traefik reports no router of the stack that the lab can reach through a published entry point"
                : "the roles name no dashboard_url to ask Traefik for its routers"
            return .inconclusive("No route was asked for: the stack claims no proxy path and \(why). Only the unknown path was tried (it got 404).", figures: figures, evidence: evidence)
        }
        var parts: [String] = []
        if tally.claimedTried > 0 {
            parts.append("\(tally.claimedTried) claimed route requests answered as claimed over \(tally.schemes.joined(separator: " and "))")
        }
        if let routers = tally.routers {
            parts.append("\(tally.routerTried) requests for the \(routers) routers Traefik reports reached their services")
        }
        if tally.claimedTried > 0 && tally.hasDashboard {
            parts.append("each claimed path has an enabled router\(tally.hasTLS ? " (with TLS on the secure entrypoint)" : "")")
        }
        parts.append("an unknown path gets 404")
        let sentence = parts.count == 1 ? parts[0] : parts.dropLast().joined(separator: ", ") + ", and " + parts[parts.count - 1]
        return .pass(sentence.prefix(1).uppercased() + sentence.dropFirst() + ".", figures: figures, evidence: evidence)
    }
}
