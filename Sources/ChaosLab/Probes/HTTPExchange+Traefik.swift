extension HTTPExchange {
    /// Whether this is Traefik's own 404 ("404 page not found"): no router took the request,
    /// so it never reached a service. Right after a container turns healthy Traefik may not
    /// have added its routers yet (its providers are throttled, 2 s by default).
    var isTraefikUnrouted: Bool {
        status == 404 && body.trimmingCharacters(in: .whitespacesAndNewlines) == "404 page not found"
    }
}
