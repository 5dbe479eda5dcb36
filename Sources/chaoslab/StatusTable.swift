import ChaosLab

/// The `status` table: services in file order (then any others), one row per instance.
struct StatusTable {
    var serviceNames: [String]
    var instances: [ServiceInstance]

    var rows: [[String]] {
        let known = Set(serviceNames)
        let extra = Set(instances.map(\.service)).subtracting(known).sorted()
        var rows: [[String]] = []
        for service in serviceNames + extra {
            let mine = instances.filter { $0.service == service }
            if mine.isEmpty {
                rows.append([service, "absent", "-", "-", "-"])
            }
            for instance in mine {
                let name = mine.count > 1 ? "\(service)#\(instance.index)" : service
                let ports = instance.ports.map(\.description).joined(separator: ", ")
                rows.append([
                    name,
                    instance.state == .exited ? "exited(\(instance.exitCode))" : instance.state.rawValue,
                    instance.health == .none ? "-" : instance.health.rawValue,
                    instance.shortID,
                    ports.isEmpty ? "-" : ports,
                ])
            }
        }
        return rows
    }

    var rendered: String {
        let all = [["SERVICE", "STATE", "HEALTH", "CONTAINER", "PORTS"]] + rows
        let widths = (0..<5).map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
