import Foundation

/// The ports a service's container exposes, as far as the compose file and a local Dockerfile
/// tell: Traefik's docker provider picks the server port from these when a service has no
/// `loadbalancer.server.port`.
struct ExposedPorts: Sendable, Hashable {
    /// The container ports known to be exposed.
    var ports: Set<Int>
    /// Whether ``ports`` is all of them; false when an image's own `EXPOSE` cannot be seen.
    var isComplete: Bool
    /// What the ports were learned from, for messages.
    var sources: [String]

    /// Ports images on Docker Hub expose, for the images student stacks use most (the tag
    /// matters for RabbitMQ: the management images add 15671 and 15672).
    static let knownImages: [String: Set<Int>] = [
        "rabbitmq": [4369, 5671, 5672, 15691, 15692, 25672],
        "rabbitmq:management": [4369, 5671, 5672, 15671, 15672, 15691, 15692, 25672],
        "traefik": [80],
        "traefik/whoami": [80],
        "nginx": [80],
        "httpd": [80],
        "redis": [6379],
        "postgres": [5432],
        "mysql": [3306, 33060],
        "mariadb": [3306],
        "mongo": [27017],
        "python": [],
        "node": [],
        "golang": [],
        "alpine": [],
        "debian": [],
        "ubuntu": [],
    ]

    /// The ports `image` exposes, if it is a known one.
    static func known(image: String) -> Set<Int>? {
        var reference = image.split(separator: "@").first.map(String.init) ?? image
        var tag = ""
        if let colon = reference.lastIndex(of: ":"), !reference[colon...].contains("/") {
            tag = String(reference[reference.index(after: colon)...])
            reference = String(reference[..<colon])
        }
        for prefix in ["docker.io/library/", "docker.io/", "library/"] where reference.hasPrefix(prefix) {
            reference = String(reference.dropFirst(prefix.count))
        }
        if reference == "rabbitmq", tag.contains("management") {
            return knownImages["rabbitmq:management"]
        }
        return knownImages[reference]
    }

    /// Port numbers in `8000`, `8000/tcp` or `8000-8002` (a range counts each port).
    static func numbers(_ text: String) -> Set<Int>? {
        let bare = text.split(separator: "/").first.map(String.init) ?? text
        let bounds = bare.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        switch bounds.count {
        case 1:
            return bounds[0].map { [$0] }
        case 2:
            guard let low = bounds[0], let high = bounds[1], low <= high else { return nil }
            return Set(low...min(high, low + 100))
        default:
            return nil
        }
    }

    /// `EXPOSE` ports of a Dockerfile's last stage, its base image's when known, and whether
    /// that is all of them.
    static func dockerfile(_ text: String) -> (ports: Set<Int>, isComplete: Bool) {
        var ports: Set<Int> = []
        var isComplete = false
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let words = rawLine.split(whereSeparator: \.isWhitespace).map(String.init)
            guard let instruction = words.first?.uppercased() else { continue }
            if instruction == "FROM" {
                let image = words.dropFirst().first { !$0.hasPrefix("--") } ?? ""
                let base = known(image: image)
                ports = base ?? []
                isComplete = base != nil
            } else if instruction == "EXPOSE" {
                for word in words.dropFirst() {
                    if let numbers = numbers(word) { ports.formUnion(numbers) } else { isComplete = false }
                }
            }
        }
        return (ports, isComplete)
    }
}
