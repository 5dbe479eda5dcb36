import Foundation

extension TraefikRouteMap {
    /// Traefik's own account of its routing, from its API at `dashboard` (e.g.
    /// `http://127.0.0.1:8080`): every HTTP router, and its middlewares, entry points and
    /// services when it lists them.
    /// - Throws: ``CheckSetupError`` when the routers cannot be read.
    static func read(from dashboard: String, http: HTTPProbe) async throws -> TraefikRouteMap {
        let routers: [TraefikAPIRouter] = try await list("/api/http/routers", at: dashboard, http: http)
        let middlewares: [TraefikAPIMiddleware] = (try? await list("/api/http/middlewares", at: dashboard, http: http)) ?? []
        let entryPoints: [TraefikAPIEntryPoint] = (try? await list("/api/entrypoints", at: dashboard, http: http)) ?? []
        let services: [TraefikAPIService] = (try? await list("/api/http/services", at: dashboard, http: http)) ?? []
        return TraefikRouteMap(routers: routers, middlewares: middlewares, entryPoints: entryPoints, services: services)
    }

    /// One list from Traefik's API.
    private static func list<Item: Decodable>(_ path: String, at dashboard: String, http: HTTPProbe) async throws -> [Item] {
        let url = dashboard + path
        let exchange: HTTPExchange
        do {
            exchange = try await http.send("GET", url, timeout: .seconds(5))
        } catch {
            throw CheckSetupError(reason: "Traefik's API at \(url) did not answer: \(error.reason).")
        }
        guard exchange.status == 200 else {
            throw CheckSetupError(reason: "Traefik's API at \(url) answered \(exchange.status).")
        }
        do {
            return try JSONDecoder().decode([Item].self, from: Data(exchange.body.utf8))
        } catch {
            throw CheckSetupError(reason: "Traefik's API at \(url) did not answer a list: \(error).")
        }
    }
}
