import Foundation

extension ManagementAPI {
    /// Whether the virtual host's firehose is on (`tracing` of `/api/vhosts/{vhost}`).
    public func isTracing() async throws(ManagementAPIError) -> Bool {
        try await request(["vhosts", virtualHost]).object { $0["tracing"]?.bool }
    }

    /// Switches the virtual host's firehose on or off (`PUT /api/vhosts/{vhost}`). The
    /// description and tags are sent back as they are: a PUT with `tracing` alone clears them.
    public func setTracing(_ on: Bool) async throws(ManagementAPIError) {
        let current = try await request(["vhosts", virtualHost]).object { $0 }
        let tags: [String] = current["tags"]?.array?.compactMap(\.string)
            ?? current["tags"]?.string?.split(separator: ",").map(String.init) ?? []
        let body: [String: Any] = [
            "tracing": on,
            "description": current["description"]?.string ?? "",
            "tags": tags.joined(separator: ","),
        ]
        let text = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        let answer = try await request(["vhosts", virtualHost], method: "PUT", json: text)
        if let error = answer.error { throw error }
    }
}
