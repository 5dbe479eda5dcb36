extension PublishedPort {
    /// The address the lab reaches this port at: loopback for a wildcard binding, an IPv6
    /// address in brackets, ready to go into a URL.
    var reachableAddress: String {
        switch hostIP {
        case "", "0.0.0.0": "127.0.0.1"
        case "::": "[::1]"
        case let ip where ip.contains(":"): "[\(ip)]"
        case let ip: ip
        }
    }
}
