extension ComposeDriver {
    public func disconnect(_ target: ServiceTarget) async throws {
        for instance in try await resolve(target) {
            guard let inspection = try await inspect(ids: [instance.containerID]).first else { continue }
            let attachments = inspection.attachments
            guard !attachments.isEmpty else { continue }
            for attachment in attachments {
                try await docker(["network", "disconnect", attachment.network, instance.containerID])
            }
            // Docker adds the short id as an alias by itself; keep only the names compose gave.
            cutOff[instance.containerID, default: []] += attachments.map { attachment in
                NetworkAttachment(network: attachment.network, aliases: attachment.aliases.filter { !instance.containerID.hasPrefix($0) })
            }
            logger.info("disconnected", metadata: ["target": "\(instance.target)", "networks": "\(attachments.map(\.network))"])
        }
    }

    public func connect(_ target: ServiceTarget) async throws {
        for instance in try await resolve(target) {
            let attachments = try cutOff[instance.containerID] ?? declaredAttachments(of: instance.service)
            let attached = Set(instance.networks)
            for attachment in attachments where !attached.contains(attachment.network) {
                let aliases = attachment.aliases.flatMap { ["--alias", $0] }
                try await docker(["network", "connect"] + aliases + [attachment.network, instance.containerID])
            }
            cutOff[instance.containerID] = nil
            logger.info("connected", metadata: ["target": "\(instance.target)", "networks": "\(attachments.map(\.network))"])
        }
    }

    /// The networks the compose file puts `service` on, with the names Docker gives them
    /// (`<project>_<key>` unless the file sets `name:`) and the service name as alias; used
    /// when a container was cut off by someone else.
    private func declaredAttachments(of service: String) throws -> [NetworkAttachment] {
        let file = try loadComposeFile()
        let declared = file.service(named: service)
        let keys = declared?.networks.isEmpty == false ? declared?.networks ?? [] : ["default"]
        return keys.map { key in
            let name = file.networks[key]?["name"]?.text ?? "\(projectName)_\(key)"
            let extra = declared?.raw["networks"]?[key]?["aliases"]?.sequence?.compactMap(\.text) ?? []
            return NetworkAttachment(network: name, aliases: [service] + extra)
        }
    }
}
