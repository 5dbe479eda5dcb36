/// A matcher Traefik knows: its name and how many arguments it takes, per protocol and syntax.
struct RuleMatcherSpec: Sendable, Hashable {
    var name: String
    var arguments: ClosedRange<Int>

    /// What each argument means, for messages (`Header(name, value)`).
    var signature: String

    init(_ name: String, _ arguments: ClosedRange<Int>, _ signature: String) {
        self.name = name
        self.arguments = arguments
        self.signature = signature
    }

    /// The matchers of a protocol in a syntax (UDP routers have no rule).
    static func catalogue(for protocolKind: RouterProtocol, dialect: RuleDialect) -> [RuleMatcherSpec] {
        switch (protocolKind, dialect) {
        case (.http, .v3):
            [
                .init("Host", 1...1, "Host(`example.com`)"),
                .init("HostRegexp", 1...1, "HostRegexp(`^[a-z]+\\.example\\.com$`)"),
                .init("Path", 1...1, "Path(`/api/health`)"),
                .init("PathPrefix", 1...1, "PathPrefix(`/api`)"),
                .init("PathRegexp", 1...1, "PathRegexp(`^/users/[0-9]+$`)"),
                .init("Method", 1...1, "Method(`GET`)"),
                .init("Header", 2...2, "Header(`X-Name`, `value`)"),
                .init("HeaderRegexp", 2...2, "HeaderRegexp(`X-Name`, `^va.*`)"),
                .init("Query", 1...2, "Query(`key`, `value`)"),
                .init("QueryRegexp", 1...2, "QueryRegexp(`key`, `^va.*`)"),
                .init("ClientIP", 1...1, "ClientIP(`10.0.0.0/8`)"),
            ]
        case (.http, .v2):
            [
                .init("Host", 1...Int.max, "Host(`a.com`, `b.com`)"),
                .init("HostHeader", 1...Int.max, "HostHeader(`a.com`)"),
                .init("HostRegexp", 1...Int.max, "HostRegexp(`{sub:[a-z]+}.a.com`)"),
                .init("Path", 1...Int.max, "Path(`/a`, `/b`)"),
                .init("PathPrefix", 1...Int.max, "PathPrefix(`/a`, `/b`)"),
                .init("Method", 1...Int.max, "Method(`GET`, `POST`)"),
                .init("Headers", 2...2, "Headers(`X-Name`, `value`)"),
                .init("HeadersRegexp", 2...2, "HeadersRegexp(`X-Name`, `^va.*`)"),
                .init("Query", 1...Int.max, "Query(`key=value`)"),
                .init("ClientIP", 1...Int.max, "ClientIP(`10.0.0.0/8`, `::1`)"),
            ]
        case (.tcp, .v3):
            [
                .init("HostSNI", 1...1, "HostSNI(`example.com`)"),
                .init("HostSNIRegexp", 1...1, "HostSNIRegexp(`^.+\\.example\\.com$`)"),
                .init("ClientIP", 1...1, "ClientIP(`10.0.0.0/8`)"),
                .init("ALPN", 1...1, "ALPN(`h2`)"),
            ]
        case (.tcp, .v2):
            [
                .init("HostSNI", 1...Int.max, "HostSNI(`a.com`, `b.com`)"),
                .init("HostSNIRegexp", 1...Int.max, "HostSNIRegexp(`{sub:[a-z]+}.a.com`)"),
                .init("ClientIP", 1...Int.max, "ClientIP(`10.0.0.0/8`)"),
                .init("ALPN", 1...Int.max, "ALPN(`h2`)"),
            ]
        case (.udp, _):
            []
        }
    }

    /// Whether Traefik takes `written` for this matcher: it accepts the name as is, all lower
    /// case, all upper case, and lower case with a capital first letter.
    func accepts(_ written: String) -> Bool {
        let lower = name.lowercased()
        return [name, lower, name.uppercased(), lower.prefix(1).uppercased() + lower.dropFirst()].contains(written)
    }
}
