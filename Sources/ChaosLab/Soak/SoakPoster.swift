/// What a soak's API lanes post through: one message at a time per lane.
protocol SoakPoster: Sendable {
    /// Posts the message carrying `token`: the HTTP status and body, or `nil` and why no
    /// response came.
    func post(token: String) async -> (status: Int?, detail: String)
    /// Releases the connections; called once, after the last post.
    func shutdown() async
}

/// Posts through a stack's API role over keep-alive connections, one per lane.
struct APIPoster: SoakPoster {
    let role: APIRole
    let http: HTTPProbe
    let workMilliseconds: Int
    let timeout: Duration

    init(role: APIRole, lanes: Int, workMilliseconds: Int, timeout: Duration) {
        self.role = role
        // A few spare connections: a lane whose request timed out leaves its connection to be
        // closed while it already starts the next one.
        self.http = HTTPProbe(bodyLimit: 4096, connectionsPerHost: lanes + 2)
        self.workMilliseconds = workMilliseconds
        self.timeout = timeout
    }

    func post(token: String) async -> (status: Int?, detail: String) {
        do {
            let exchange = try await http.send(
                "POST", role.baseURL + role.messagePath,
                body: role.body(token: token, workMilliseconds: workMilliseconds),
                headers: [("Content-Type", "application/json")],
                basicAuth: role.user.map { (user: $0, password: role.password ?? "") },
                timeout: timeout)
            return (exchange.status, exchange.body)
        } catch {
            return (nil, error.description)
        }
    }

    func shutdown() async {
        try? await http.shutdown()
    }
}
