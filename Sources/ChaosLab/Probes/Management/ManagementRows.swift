import Foundation

/// Reads the rows of management API answers into the lab's value types. Every field has a
/// default, so a field a broker version leaves out, or writes differently, costs that field
/// only; a row that is not an object is skipped.
enum ManagementRows {
    static func overview(_ row: ManagementJSON) -> ManagementOverview? {
        guard row.object != nil else { return nil }
        return ManagementOverview(
            managementVersion: row["management_version"]?.string ?? "",
            rabbitmqVersion: row["rabbitmq_version"]?.string ?? row["product_version"]?.string ?? "",
            erlangVersion: row["erlang_version"]?.string,
            node: row["node"]?.string ?? "",
            clusterName: row["cluster_name"]?.nonEmptyString,
            statisticsDatabaseEventQueue: row["statistics_db_event_queue"]?.int ?? 0,
            ratesMode: row["rates_mode"]?.string.map(ManagementOverview.RatesMode.init(text:)),
            statisticsDisabled: row["disable_stats"]?.bool ?? false,
            collectStatisticsInterval: row["collect_statistics_interval"]?.int.map { .milliseconds($0) }
        )
    }

    static func user(_ row: ManagementJSON) -> ManagementUser? {
        guard let name = row["name"]?.string else { return nil }
        // 3.8 writes the tags as one comma-separated string, later versions as a list.
        let tags = row["tags"]?.array?.compactMap(\.string)
            ?? row["tags"]?.string?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            ?? []
        return ManagementUser(name: name, tags: tags)
    }

    static func channel(_ row: ManagementJSON) -> ChannelStatus? {
        guard row.object != nil else { return nil }
        let name = row["name"]?.string ?? ""
        let connection = row["connection_details"]
        let peerHost = connection?["peer_host"]?.nonEmptyString
        let stats = row["message_stats"]
        let count = { (key: String) in stats?[key]?.int ?? 0 }
        return ChannelStatus(
            name: name,
            clientAddress: peerHost ?? ChannelStatus.clientAddress(fromName: name),
            user: row["user"]?.string ?? "",
            prefetch: row["prefetch_count"]?.int ?? 0,
            globalPrefetch: row["global_prefetch_count"]?.int ?? 0,
            unacknowledged: row["messages_unacknowledged"]?.int ?? 0,
            consumers: row["consumer_count"]?.int ?? 0,
            connectionName: connection?["name"]?.nonEmptyString,
            number: row["number"]?.int,
            peerHost: peerHost,
            peerPort: connection?["peer_port"]?.int,
            counts: ChannelStatus.MessageCounts(
                deliver: count("deliver"),
                deliverNoAck: count("deliver_no_ack"),
                ack: count("ack"),
                redeliver: count("redeliver"),
                get: count("get"),
                getNoAck: count("get_no_ack")
            )
        )
    }

    static func consumer(_ row: ManagementJSON) -> ConsumerStatus? {
        guard row.object != nil else { return nil }
        // The queue is `{"name", "vhost"}`; accept a bare name as well.
        let queue = row["queue"]?["name"]?.string ?? row["queue"]?.string ?? ""
        // A consumer whose channel just closed can come with `channel_details: []`.
        let channel = row["channel_details"]
        return ConsumerStatus(
            queue: queue,
            tag: row["consumer_tag"]?.string ?? "",
            // Without the field, assume acknowledgements (AMQP's default): auto-ack is a
            // finding, and needs the broker's word.
            acknowledgementRequired: row["ack_required"]?.bool ?? true,
            prefetch: row["prefetch_count"]?.int ?? 0,
            channelName: channel?["name"]?.nonEmptyString,
            channelNumber: channel?["number"]?.int,
            connectionName: channel?["connection_name"]?.nonEmptyString,
            peerHost: channel?["peer_host"]?.nonEmptyString,
            peerPort: channel?["peer_port"]?.int
        )
    }

    static func connection(_ row: ManagementJSON) -> ConnectionStatus? {
        guard row.object != nil else { return nil }
        let name = row["name"]?.string ?? ""
        return ConnectionStatus(
            name: name,
            peerHost: row["peer_host"]?.nonEmptyString ?? ChannelStatus.clientAddress(fromName: name),
            peerPort: row["peer_port"]?.int,
            user: row["user"]?.string ?? "",
            clientProvidedName: row["client_properties"]?["connection_name"]?.nonEmptyString ?? row["user_provided_name"]?.nonEmptyString,
            connectedAt: row["connected_at"]?.int.map { Date(timeIntervalSince1970: Double($0) / 1000) },
            state: row["state"]?.string.map(ConnectionStatus.State.init(text:)),
            channels: row["channels"]?.int ?? 0
        )
    }

    static func queue(_ row: ManagementJSON) -> QueueStatus? {
        guard row.object != nil else { return nil }
        let arguments = row["arguments"]?.textMap ?? [:]
        let ready = row["messages_ready"]?.int
        return QueueStatus(
            name: row["name"]?.string ?? "",
            durable: row["durable"]?.bool ?? false,
            ready: ready ?? 0,
            unacknowledged: row["messages_unacknowledged"]?.int ?? 0,
            consumers: row["consumers"]?.int ?? 0,
            arguments: arguments,
            type: (row["type"]?.nonEmptyString ?? arguments["x-queue-type"]).map(QueueType.init(text:)) ?? .classic,
            policy: row["policy"]?.nonEmptyString,
            operatorPolicy: row["operator_policy"]?.nonEmptyString,
            effectivePolicyDefinition: row["effective_policy_definition"]?.textMap ?? [:],
            countsReported: ready != nil
        )
    }

    static func binding(_ row: ManagementJSON) -> Binding? {
        guard row.object != nil else { return nil }
        return Binding(
            source: row["source"]?.string ?? "",
            destination: row["destination"]?.string ?? "",
            destinationType: Binding.DestinationType(text: row["destination_type"]?.string ?? "queue"),
            routingKey: row["routing_key"]?.string ?? "",
            arguments: row["arguments"]?.textMap ?? [:]
        )
    }

    static func exchange(_ row: ManagementJSON) -> ExchangeStatus? {
        guard row.object != nil else { return nil }
        let name = row["name"]?.string ?? ""
        return ExchangeStatus(
            name: name == "amq.default" ? "" : name,
            type: ExchangeStatus.Kind(text: row["type"]?.string ?? "direct"),
            durable: row["durable"]?.bool ?? false,
            autoDelete: row["auto_delete"]?.bool ?? false,
            internal: row["internal"]?.bool ?? false,
            arguments: row["arguments"]?.textMap ?? [:]
        )
    }

    static func policy(_ row: ManagementJSON) -> Policy? {
        guard row.object != nil else { return nil }
        return Policy(
            name: row["name"]?.string ?? "",
            pattern: row["pattern"]?.string ?? "",
            applyTo: Policy.Target(text: row["apply-to"]?.string ?? "all"),
            definition: row["definition"]?.textMap ?? [:],
            priority: row["priority"]?.int ?? 0
        )
    }
}
