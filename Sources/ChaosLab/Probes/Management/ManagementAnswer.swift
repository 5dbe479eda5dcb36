/// What the management API answered to one request, judged: the JSON of a 2xx answer, or the
/// ``ManagementAPIError`` its status and body mean. Kept apart from the HTTP call so that each
/// status and body can be judged without a broker.
struct ManagementAnswer: Sendable {
    /// The request's method.
    var method: String
    /// The full URL requested.
    var url: String
    /// The API path requested, e.g. `/api/queues/%2F/task_queue`.
    var path: String
    /// The user the request logged in as.
    var user: String
    /// The status the broker answered with.
    var status: Int
    /// The body, as the probe kept it.
    var body: String
    /// Whether the probe cut the body at its size limit.
    var truncated: Bool

    init(method: String = "GET", url: String, path: String, user: String, status: Int, body: String, truncated: Bool = false) {
        self.method = method
        self.url = url
        self.path = path
        self.user = user
        self.status = status
        self.body = body
        self.truncated = truncated
    }

    /// The error this answer means, `nil` for a 2xx status.
    var error: ManagementAPIError? {
        switch status {
        case 200..<300:
            return nil
        case 401, 403:
            // RabbitMQ answers 401 both for a failed login and for a user lacking a tag or a
            // permission; only the reason tells them apart.
            let reason = ManagementJSON.parse(body)?["reason"]?.string ?? ""
            let refused = status == 403 || Self.isRefusalAfterLogin(reason)
            return failure(refused ? .forbidden(reason: reason.isEmpty ? "status \(status)" : reason) : .unauthorized)
        case 404:
            return failure(.notFound(path: path))
        default:
            return failure(.unexpectedStatus(status))
        }
    }

    /// The answer's JSON; throws for an error status or a body that is not JSON.
    func json() throws(ManagementAPIError) -> ManagementJSON {
        if let error { throw error }
        guard let json = ManagementJSON.parse(body) else {
            let cut = truncated ? " (the probe cut it at \(body.utf8.count) bytes)" : ""
            throw failure(.unreadable(detail: "the body is not JSON\(cut): \(Self.excerpt(body))"))
        }
        return json
    }

    /// The answer as a list of rows, each read with `read`; rows `read` cannot use are left
    /// out. Throws when the answer is not a JSON list.
    func list<Value>(_ read: (ManagementJSON) -> Value?) throws(ManagementAPIError) -> [Value] {
        let json = try json()
        guard let rows = json.array else {
            throw failure(.unreadable(detail: "expected a JSON list, got \(Self.excerpt(body))"))
        }
        return rows.compactMap(read)
    }

    /// The answer as one object read with `read`. Throws when `read` cannot use it.
    func object<Value>(_ read: (ManagementJSON) -> Value?) throws(ManagementAPIError) -> Value {
        let json = try json()
        guard case .object = json, let value = read(json) else {
            throw failure(.unreadable(detail: "expected a JSON object, got \(Self.excerpt(body))"))
        }
        return value
    }

    /// Whether a 401's reason says the login worked but the user may not do this: `Not
    /// management user`, `Not monitor user`, `User not authorised to access virtual host`.
    /// Anything else, `Login failed` first, is a login the broker did not accept.
    static func isRefusalAfterLogin(_ reason: String) -> Bool {
        let lowered = reason.lowercased()
        return (lowered.hasPrefix("not ") && lowered.hasSuffix(" user")) || lowered.contains("virtual host") || lowered.contains("vhost")
    }

    private func failure(_ code: ManagementAPIError.Code) -> ManagementAPIError {
        ManagementAPIError(method: method, url: url, user: user, code: code)
    }

    /// The start of a body, on one line, for an error message.
    static func excerpt(_ body: String) -> String {
        let line = body.split(whereSeparator: \.isNewline).joined(separator: " ")
        if line.isEmpty { return "an empty body" }
        return line.count > 160 ? "`\(line.prefix(160))…`" : "`\(line)`"
    }
}
