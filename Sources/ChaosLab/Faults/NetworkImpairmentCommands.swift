import Foundation

/// The iptables and tc commands that impose and remove the lab's network impairments inside one
/// container's network namespace: as argument lists for a driver, and as one shell line a
/// person can replay.
///
/// Everything the lab adds can be told from what others add, so removal takes exactly that:
/// its iptables rules sit in a chain of its own (``chain``), reached from INPUT and OUTPUT by
/// one jump each (loopback excepted, so a service still talks to itself), and a bandwidth limit
/// is a root `tbf` qdisc with the lab's handle (``qdiscHandle``), which tc deletes only when the
/// handle matches. Delay and jitter would need `netem`, which the lab's kernels may lack; they
/// are not offered.
enum NetworkImpairmentCommands {
    /// The lab's iptables chain.
    static let chain = "CHAOSLAB"
    /// The handle of the lab's root qdisc.
    static let qdiscHandle = "ca05:"
    /// Where a queued packet waits at most before tbf drops it.
    static let latency = "500ms"

    /// A jump from a built-in chain into the lab's.
    struct Jump {
        var from: String
        var match: [String]

        /// The rule as `iptables -S` prints it.
        var listed: String {
            (["-A", from] + match + ["-j", NetworkImpairmentCommands.chain]).joined(separator: " ")
        }
    }

    static let jumps = [Jump(from: "INPUT", match: ["!", "-i", "lo"]), Jump(from: "OUTPUT", match: ["!", "-o", "lo"])]

    // MARK: - iptables

    static func iptables(_ arguments: [String]) -> [String] {
        ["iptables", "-w"] + arguments
    }

    /// Lists every rule of the filter table (`-N` for chains, `-A` for rules).
    static let listRules = iptables(["-S"])
    static let createChain = iptables(["-N", chain])
    static let flushChain = iptables(["-F", chain])
    static let deleteChain = iptables(["-X", chain])

    static func insert(_ jump: Jump) -> [String] {
        iptables(["-I", jump.from, "1"] + jump.match + ["-j", chain])
    }

    static func check(_ jump: Jump) -> [String] {
        iptables(["-C", jump.from] + jump.match + ["-j", chain])
    }

    static func delete(_ jump: Jump) -> [String] {
        iptables(["-D", jump.from] + jump.match + ["-j", chain])
    }

    /// Drop rules for traffic from and to each peer.
    static func partitionRules(from peers: [String]) -> [[String]] {
        peers.flatMap { peer in
            [iptables(["-A", chain, "-s", peer, "-j", "DROP"]), iptables(["-A", chain, "-d", peer, "-j", "DROP"])]
        }
    }

    static func lossRule(probability: Double) -> [String] {
        iptables(["-A", chain, "-m", "statistic", "--mode", "random", "--probability", probabilityText(probability), "-j", "DROP"])
    }

    /// Commands that create the chain and the jumps missing from `listing` (`iptables -S`).
    static func setUp(given listing: String) -> (createChain: Bool, jumps: [Jump]) {
        let rules = Set(lines(listing))
        return (!rules.contains("-N \(chain)"), jumps.filter { !rules.contains($0.listed) })
    }

    /// Commands that remove, per `listing` (`iptables -S`), every jump into the lab's chain and
    /// then the chain; none when it is not there.
    static func removal(given listing: String) -> [[String]] {
        let rules = lines(listing)
        let jumpsIn = rules.filter { $0.hasPrefix("-A ") && $0.hasSuffix(" -j \(chain)") }.map { rule in
            iptables(["-D"] + rule.split(separator: " ").dropFirst().map(String.init))
        }
        return rules.contains("-N \(chain)") ? jumpsIn + [flushChain, deleteChain] : jumpsIn
    }

    // MARK: - tc

    static let listLinks = ["ip", "-o", "link", "show"]

    /// The `eth` interfaces of an `ip -o link show` listing (`2: eth0@if7: <…> …`).
    static func ethernetInterfaces(in listing: String) -> [String] {
        lines(listing).compactMap { line in
            let fields = line.split(separator: ":", maxSplits: 2)
            guard fields.count == 3 else { return nil }
            let name = fields[1].trimmingCharacters(in: .whitespaces).split(separator: "@").first.map(String.init) ?? ""
            return name.hasPrefix("eth") ? name : nil
        }
    }

    static func showRootQdisc(_ device: String) -> [String] {
        ["tc", "qdisc", "show", "dev", device, "root"]
    }

    /// Whether `tc qdisc show … root` shows the lab's qdisc.
    static func isLabQdisc(_ listing: String) -> Bool {
        listing.contains("tbf \(qdiscHandle) root")
    }

    /// Sets the lab's tbf as root qdisc: `add` fails rather than replace someone else's root
    /// qdisc, `replace` changes the lab's own.
    static func limit(_ device: String, kilobitsPerSecond: Int, replacing: Bool) -> [String] {
        ["tc", "qdisc", replacing ? "replace" : "add", "dev", device, "root", "handle", qdiscHandle, "tbf"]
            + ["rate", "\(kilobitsPerSecond)kbit", "burst", String(burstBytes(kilobitsPerSecond)), "latency", latency]
    }

    static func unlimit(_ device: String) -> [String] {
        ["tc", "qdisc", "del", "dev", device, "root", "handle", qdiscHandle]
    }

    /// A tenth of a second at the rate, and never less than a few full-size packets: a bucket
    /// smaller than one packet would let nothing through.
    static func burstBytes(_ kilobitsPerSecond: Int) -> Int {
        max(4096, kilobitsPerSecond * 125 / 10)
    }

    // MARK: - Values

    /// A probability as iptables reads it, to four decimals, never in exponent form.
    static func probabilityText(_ probability: Double) -> String {
        let tenThousandths = min(10_000, max(0, Int((probability * 10_000).rounded())))
        if tenThousandths == 10_000 { return "1" }
        var digits = String(tenThousandths)
        digits = String(repeating: "0", count: 4 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "0." + (digits.isEmpty ? "0" : digits)
    }

    /// Whether `text` is a dotted IPv4 address, optionally with a `/prefix`.
    static func isIPv4(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return false }
        if parts.count == 2 {
            guard let prefix = Int(parts[1]), (0...32).contains(prefix), parts[1].allSatisfy(\.isNumber) else { return false }
        }
        let octets = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.allSatisfy { octet in
            !octet.isEmpty && octet.count <= 3 && octet.allSatisfy(\.isASCII) && octet.allSatisfy(\.isNumber) && Int(octet).map { $0 <= 255 } == true
        }
    }

    static func lines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    // MARK: - For a person

    /// The impairment (or its removal) as one shell line run on the container's host.
    static func shellLine(for action: Fault.Action, container: String) -> String {
        let script: [String]
        switch action {
        case .partition(let peers): script = impose(partitionRules(from: peers))
        case .dropPackets(let probability): script = impose([lossRule(probability: probability)])
        case .limitBandwidth(let rate):
            script = [eachInterface(word(limit("$dev", kilobitsPerSecond: rate, replacing: false)))]
        case .restoreNetwork:
            script = jumps.map { word(delete($0)) + " 2>/dev/null" }
                + [word(flushChain) + " 2>/dev/null", word(deleteChain) + " 2>/dev/null"]
                + [eachInterface(word(unlimit("$dev")) + " 2>/dev/null"), "true"]
        default: return ""
        }
        let pid = #""$(docker inspect -f '{{.State.Pid}}' \#(container))""#
        return "nsenter -t \(pid) -n sh -c \(Command.shellQuoted(script.joined(separator: "; ")))"
    }

    /// Rules appended to the lab's chain, created if missing, then the jumps into it if missing.
    private static func impose(_ rules: [[String]]) -> [String] {
        [word(createChain) + " 2>/dev/null"] + rules.map(word)
            + jumps.map { "\(word(check($0))) 2>/dev/null || \(word(insert($0)))" }
    }

    private static func eachInterface(_ body: String) -> String {
        #"for dev in $(ip -o link show | sed -n "s/^[0-9]*: \(eth[0-9]*\)[@:].*/\1/p"); do \#(body); done"#
    }

    /// Arguments as shell words; `$dev` stays a variable and `!` needs no quotes in a script.
    private static func word(_ arguments: [String]) -> String {
        arguments.map { $0 == "$dev" || $0 == "!" ? $0 : Command.shellQuoted($0) }.joined(separator: " ")
    }
}
