import Foundation

/// Where the host reaches the proxy and the API.
extension RoleInference {
    /// The proxy's entry points as published: the plain one, the TLS one and the dashboard
    /// (Traefik's API), from its static configuration when it has one, else from the usual
    /// container ports 80, 443 and 8080.
    func inferProxyAddresses(_ table: inout RoleTable, _ notes: inout [String]) {
        guard let proxy = service(table, .proxyService) else { return }
        var points: [(name: String, port: Int, tls: Bool)] = []
        if let traefik, traefik.service == proxy.name {
            points = traefik.entryPoints.values.compactMap { point in
                point.port.map { (point.name, $0, point.expectsTLS || point.tlsByDefault) }
            }.sorted { $0.port < $1.port }
        } else {
            points = [("web", 80, false), ("websecure", 443, true), ("traefik", 8080, false)]
        }
        for point in points {
            guard let port = proxy.published(target: point.port), let number = port.publishedPort else { continue }
            let reason = RoleSource.guessed("published port \(number) → \(point.port) of service \(proxy.name) (entry point \(point.name))")
            if point.name == "traefik" {
                table.fill(.proxyDashboardURL, text: RoleURL.published(hostIP: port.hostIP, port: number), reason)
            } else if point.tls {
                table.fill(.proxySecureBaseURL, text: RoleURL.published(scheme: "https", hostIP: port.hostIP, port: number), reason)
            } else {
                table.fill(.proxyBaseURL, text: RoleURL.published(hostIP: port.hostIP, port: number), reason)
            }
        }
        if !table.has(.proxyBaseURL) {
            notes.append("\(proxy.name) publishes no plain HTTP entry point the lab recognises, so the proxy cannot be used; declare proxy.base_url.")
        }
    }

    /// The API's address (a published port, else through the proxy), its paths and its login.
    func inferAPIAddresses(_ table: inout RoleTable, _ notes: inout [String]) {
        guard let api = service(table, .apiService) else { return }
        let proxyBase = table.text(.proxyBaseURL)
        if let port = api.publishedTCPPorts.first, let number = port.publishedPort {
            table.fill(.apiBaseURL, text: RoleURL.published(hostIP: port.hostIP, port: number),
                       .guessed("published port \(number) → \(port.target) of service \(api.name)"))
            if api.publishedTCPPorts.count > 1 {
                notes.append("\(api.name) publishes several ports; the first (\(number)) was taken as the API's. Declare api.base_url to choose.")
            }
        }
        if api.hasRouterLabels, let proxyBase {
            table.fill(.apiProxiedBaseURL, text: proxyBase, .guessed("the Traefik router labels of service \(api.name)"))
            table.fill(.apiBaseURL, text: proxyBase, .guessed("the Traefik router labels of service \(api.name), which publishes no port"))
        }
        let scan = scans[api.name]
        let routes = Set(scan?.postRoutes.map(\.value) ?? [])
        if routes.count == 1, let route = scan?.postRoutes.first {
            table.fill(.apiMessagePath, text: route.value, .guessed("the POST route in \(route.place)"))
        } else if routes.count > 1, let scan {
            let preferred = scan.postRoutes.filter { route in
                ["message", "mensaje", "send", "enviar", "publish", "task", "tarea"].contains { route.value.lowercased().contains($0) }
            }
            if Set(preferred.map(\.value)).count == 1, let route = preferred.first {
                table.fill(.apiMessagePath, text: route.value, .guessed("the POST route in \(route.place), the one named for messages"))
            } else {
                notes.append("\(api.name) takes POST on several paths (\(routes.sorted().joined(separator: ", "))); declare api.message_path to say which one publishes.")
            }
        }
        if routes.isEmpty, scan != nil, !table.has(.apiMessagePath) {
            notes.append("No POST route was found in the code of \(api.name); declare api.message_path, or the lab posts to /api/message.")
        }
        if let path = healthPath(api) {
            table.fill(.apiHealthPath, text: path.value, .guessed(path.reason))
        }
        if let login = login(of: api, users: RoleVocabulary.apiUserVariables) {
            table.fill(.apiUser, text: login.user.value, .guessed("\(login.user.name) of service \(api.name)"))
            if let password = login.password {
                table.fill(.apiPassword, text: password.value, .guessed("\(password.name) of service \(api.name)"))
            }
        }
    }

    /// A health path from the API's healthcheck command, else from its routes.
    private func healthPath(_ api: ComposeService) -> (value: String, reason: String)? {
        for word in api.healthcheck?.test ?? [] {
            for part in word.split(separator: " ") where part.contains("health") {
                let text = String(part).trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
                if let separator = text.range(of: "://") {
                    let rest = text[separator.upperBound...]
                    if let slash = rest.firstIndex(of: "/") {
                        return (Self.pathPrefix(rest[slash...]), "the healthcheck of service \(api.name)")
                    }
                } else if text.hasPrefix("/") {
                    return (Self.pathPrefix(Substring(text)), "the healthcheck of service \(api.name)")
                }
            }
        }
        if let route = scans[api.name]?.healthRoutes.first {
            return (route.value, "the route in \(route.place)")
        }
        return nil
    }

    /// The URL path at the start of `text`, without what code around it adds: in
    /// `urlopen('http://127.0.0.1:5000/api/health', timeout=3)` the word ends in `',`.
    static func pathPrefix(_ text: Substring) -> String {
        String(text.prefix { !"'\"`,;()<>?#".contains($0) })
    }

    /// The first user variable of `users` the service sets, and its password variable.
    func login(of service: ComposeService, users: [String]) -> (user: (name: String, value: String), password: (name: String, value: String)?)? {
        for name in users {
            guard let user = service.variable(name, environment: environment) else { continue }
            let password = RoleVocabulary.passwordVariables(forUser: name).lazy.compactMap { candidate in
                service.variable(candidate, environment: environment).map { (candidate, $0) }
            }.first
            return ((name, user), password)
        }
        return nil
    }
}
