/// The kind of router a label configures: `traefik.http.…`, `traefik.tcp.…` or `traefik.udp.…`.
public enum RouterProtocol: String, Sendable, Hashable, Codable, CaseIterable {
    case http
    case tcp
    case udp
}
