/// A management API request that did not give the lab what it asked for. Descriptions name the
/// method, the URL (without any credentials in it) and the user, never the password.
public struct ManagementAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: Sendable, Hashable {
        /// No HTTP answer at all: nothing listens there, the name does not resolve, the
        /// deadline passed.
        case unreachable(detail: String)
        /// The broker does not accept the user and password (RabbitMQ: 401 `Login failed`).
        case unauthorized
        /// The login is valid but may not read this: a missing user tag (`management`,
        /// `monitoring`, `administrator`) or no permission on the virtual host. RabbitMQ 3.x
        /// answers 401 with a reason such as `Not monitor user`, later versions may answer 403;
        /// `reason` is the broker's own text.
        case forbidden(reason: String)
        /// The broker has no such object (queue, exchange, virtual host): 404.
        case notFound(path: String)
        /// Any other status outside 2xx.
        case unexpectedStatus(Int)
        /// A 2xx answer whose body is not the JSON expected.
        case unreadable(detail: String)
    }

    /// The HTTP method, e.g. `GET`.
    public var method: String
    /// The URL requested, with any `user:password@` removed.
    public var url: String
    /// The user the request logged in as.
    public var user: String
    /// What went wrong.
    public var code: Code

    public init(method: String, url: String, user: String, code: Code) {
        self.method = method
        self.url = Self.withoutCredentials(url)
        self.user = user
        self.code = code
    }

    /// The user tag the broker asked for, read from its reason: `management`, `monitoring`,
    /// `administrator` or `policymaker`; `nil` when the refusal is about something else.
    public var requiredTag: String? {
        guard case .forbidden(let reason) = code else { return nil }
        let tags = ["management": "management", "monitor": "monitoring", "administrator": "administrator", "policymaker": "policymaker"]
        let lowered = reason.lowercased()
        return tags.first { lowered.contains("not \($0.key) user") }?.value
    }

    public var description: String {
        let request = "\(method) \(url)"
        switch code {
        case .unreachable(let detail):
            return "The RabbitMQ management API at \(request) did not answer: \(detail)."
        case .unauthorized:
            return "The RabbitMQ management API refused \(request): it does not accept user `\(user)` with the password given (401)."
        case .forbidden(let reason):
            if let tag = requiredTag {
                let why = tag == "monitoring" ? "; with `management` alone it would see only its own connections and channels" : ""
                return "The RabbitMQ management API refused \(request) for user `\(user)` (\"\(reason)\"): the user needs the `\(tag)` tag (rabbitmqctl set_user_tags \(user) \(tag))\(why)."
            }
            return "The RabbitMQ management API refused \(request) for user `\(user)` (\"\(reason)\"): the user needs permissions on the virtual host (rabbitmqctl set_permissions)."
        case .notFound(let path):
            return "The RabbitMQ management API has nothing at \(path) (404 for \(request)): the queue, exchange or virtual host does not exist."
        case .unexpectedStatus(let status):
            return "The RabbitMQ management API answered \(request) with status \(status)."
        case .unreadable(let detail):
            return "The RabbitMQ management API's answer to \(request) is not the JSON expected: \(detail)."
        }
    }

    /// `url` without a `user:password@` part, so that no description carries a password.
    static func withoutCredentials(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard let at = authority.lastIndex(of: "@") else { return url }
        return String(url[..<scheme.upperBound]) + String(rest[rest.index(after: at)...])
    }
}
