extension ManagementAPI {
    /// Versions, node and statistics facts (`/api/overview`).
    public func overview() async throws(ManagementAPIError) -> ManagementOverview {
        try await request(["overview"]).object(ManagementRows.overview)
    }

    /// The user the API is read as and its tags (`/api/whoami`).
    public func whoami() async throws(ManagementAPIError) -> ManagementUser {
        try await request(["whoami"]).object(ManagementRows.user)
    }

    /// The channels of the virtual host, with their client, prefetch limits and counters.
    public func channels() async throws(ManagementAPIError) -> [ChannelStatus] {
        try await request(["vhosts", virtualHost, "channels"]).list(ManagementRows.channel)
    }

    /// The consumers of the virtual host, with their queue, acknowledgement mode and channel.
    public func consumers() async throws(ManagementAPIError) -> [ConsumerStatus] {
        try await request(["consumers", virtualHost]).list(ManagementRows.consumer)
    }

    /// The AMQP connections to the virtual host.
    public func connections() async throws(ManagementAPIError) -> [ConnectionStatus] {
        try await request(["vhosts", virtualHost, "connections"]).list(ManagementRows.connection)
    }

    /// The queues of the virtual host, with their arguments and policy.
    public func queues() async throws(ManagementAPIError) -> [QueueStatus] {
        try await request(["queues", virtualHost]).list(ManagementRows.queue)
    }

    /// One queue, or `nil` when the virtual host has no queue of that name.
    public func queue(named name: String) async throws(ManagementAPIError) -> QueueStatus? {
        let answer = try await request(["queues", virtualHost, name])
        if answer.status == 404 { return nil }
        return try answer.object(ManagementRows.queue)
    }

    /// One exchange, or `nil` when there is none of that name; `""` is the default exchange.
    public func exchange(named name: String) async throws(ManagementAPIError) -> ExchangeStatus? {
        let answer = try await request(["exchanges", virtualHost, Self.exchangeSegment(name)])
        if answer.status == 404 { return nil }
        return try answer.object(ManagementRows.exchange)
    }

    /// The bindings whose source is `exchange`: where it routes, and with which keys.
    public func bindings(fromExchange exchange: String) async throws(ManagementAPIError) -> [Binding] {
        try await request(["exchanges", virtualHost, Self.exchangeSegment(exchange), "bindings", "source"]).list(ManagementRows.binding)
    }

    /// The policies of the virtual host.
    public func policies() async throws(ManagementAPIError) -> [Policy] {
        try await request(["policies", virtualHost]).list(ManagementRows.policy)
    }

    /// Removes the ready messages of `queue` (`DELETE /api/queues/{vhost}/{name}/contents`);
    /// deliveries not yet acknowledged stay.
    public func purge(queue: String) async throws(ManagementAPIError) {
        let answer = try await request(["queues", virtualHost, queue, "contents"], method: "DELETE")
        if let error = answer.error { throw error }
    }

    /// The API names the default exchange `amq.default`; its real name is empty, which no URL
    /// segment can carry.
    static func exchangeSegment(_ name: String) -> String {
        name.isEmpty ? "amq.default" : name
    }
}
