@testable import ChaosLab
import Synchronization

/// A container's network namespace as iptables, tc and ip see it from `nsenter`, for the
/// commands a driver runs: a filter table (built-in chains, user chains and their rules, listed
/// as `iptables -S` does), a root qdisc per interface, and the interfaces. It answers like the
/// real tools where the driver relies on it (errors for a chain that exists, a rule that does
/// not, a qdisc that is not there or not of the handle given).
final class FakeNetworkNamespace: Sendable {
    struct State: Equatable {
        var chains: [String] = []
        var rules: [String: [String]] = [:]
        var qdiscs: [String: String] = [:]
    }

    static let builtIn = ["INPUT", "FORWARD", "OUTPUT"]
    let devices: [String]
    private let state: Mutex<State>

    init(devices: [String] = ["eth0"], state: State = State()) {
        self.devices = devices
        self.state = Mutex(state)
    }

    /// The table and qdiscs as they stand.
    var snapshot: State {
        state.withLock { $0 }
    }

    /// Answers one command run in the namespace (the words after `nsenter -t PID -n`).
    func answer(_ arguments: [String]) -> (status: Int32, stdout: String, stderr: String) {
        state.withLock { state in
            switch arguments.first {
            case "iptables": Self.iptables(Array(arguments.dropFirst(2)), &state)
            case "tc": tc(Array(arguments.dropFirst(2)), &state)
            case "ip": (0, ip(), "")
            default: (127, "", "\(arguments.first ?? ""): not found")
            }
        }
    }

    private static func iptables(_ arguments: [String], _ state: inout State) -> (Int32, String, String) {
        let operation = arguments.first ?? ""
        let chain = arguments.count > 1 ? arguments[1] : ""
        let spec = arguments.dropFirst(operation == "-I" ? 3 : 2).joined(separator: " ")
        let exists = builtIn.contains(chain) || state.chains.contains(chain)
        switch operation {
        case "-S":
            let policies = builtIn.map { "-P \($0) ACCEPT" }
            let chains = state.chains.map { "-N \($0)" }
            let rules = (builtIn + state.chains).flatMap { name in (state.rules[name] ?? []).map { "-A \(name) \($0)" } }
            return (0, (policies + chains + rules).joined(separator: "\n") + "\n", "")
        case "-N":
            guard !exists else { return (1, "", "iptables: Chain already exists.") }
            state.chains.append(chain)
            return (0, "", "")
        case _ where !exists:
            return (1, "", "iptables: No chain/target/match by that name.")
        case "-A":
            state.rules[chain, default: []].append(spec)
            return (0, "", "")
        case "-I":
            state.rules[chain, default: []].insert(spec, at: 0)
            return (0, "", "")
        case "-C", "-D":
            guard let index = state.rules[chain]?.firstIndex(of: spec) else {
                return (1, "", "iptables: Bad rule (does a matching rule exist in that chain?).")
            }
            if operation == "-D" { state.rules[chain]?.remove(at: index) }
            return (0, "", "")
        case "-F":
            state.rules[chain] = nil
            return (0, "", "")
        case "-X":
            let referenced = state.rules.values.joined().contains { $0.hasSuffix("-j \(chain)") }
            guard state.rules[chain, default: []].isEmpty, !referenced else {
                return (4, "", "CHAIN_DEL failed (Device or resource busy): chain \(chain)")
            }
            state.chains.removeAll { $0 == chain }
            return (0, "", "")
        default:
            return (2, "", "unknown option \(operation)")
        }
    }

    private func tc(_ arguments: [String], _ state: inout State) -> (Int32, String, String) {
        // qdisc OPERATION dev DEVICE root [handle H KIND …]
        guard arguments.count >= 4, devices.contains(arguments[2]) else { return (1, "", "Cannot find device") }
        let device = arguments[2]
        let current = state.qdiscs[device]
        let handle = arguments.firstIndex(of: "handle").map { arguments[$0 + 1] }
        switch arguments[0] {
        case "show":
            return (0, "qdisc \(current ?? "noqueue 0:") root refcnt 2 \n", "")
        case "add" where current != nil:
            return (2, "", "Error: Exclusivity flag on, cannot modify.")
        case "add", "replace":
            state.qdiscs[device] = "\(arguments[6]) \(handle ?? "8001:")"
            return (0, "", "")
        case "del":
            guard let current, handle == nil || current.hasSuffix(" \(handle!)") else { return (2, "", "Error: Invalid handle.") }
            state.qdiscs[device] = nil
            return (0, "", "")
        default:
            return (1, "", "Command \"\(arguments[0])\" is unknown")
        }
    }

    private func ip() -> String {
        (["1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN"] + devices.enumerated().map { offset, device in
            "\(offset + 7): \(device)@if\(offset + 8): <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP"
        }).joined(separator: "\n") + "\n"
    }
}
