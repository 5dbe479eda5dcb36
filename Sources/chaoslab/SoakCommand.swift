import ArgumentParser
import ChaosLab
import Foundation

/// `chaoslab soak`: brings the stack up, runs a steady load while a nemesis injects
/// overlapping faults, heals, drains, accounts for every message, always takes the stack down,
/// and writes a report with the soak's chart, schedule and checker table.
struct SoakCommand: AsyncParsableCommand, VerdictCommand {
    static let configuration = CommandConfiguration(
        commandName: "soak",
        abstract: "Run a steady load while workers and the broker are killed, paused and cut off; check that no acknowledged message is lost.",
        discussion: """
            The load posts the lab's tokens through the stack's API (HTTP keep-alive, \
            --concurrency requests in flight) or, with --via amqp, publishes them straight to the \
            work queue with confirms. A nemesis plays a schedule of possibly overlapping faults: \
            kill, stop, pause (a worker), broker-kill, broker-restart, partition (iptables DROP \
            between a service and the broker, inside its network namespace), packet-loss \
            (iptables statistic), bandwidth (tc tbf), disconnect (docker network disconnect). \
            There is no delay or jitter fault: this kernel has no netem qdisc, and the lab does \
            not pretend. The schedule is drawn from --seed unless --schedule gives one; the \
            report's schedule.json replays it.

            Afterwards every fault is healed, the workers consume again and the queue drains; \
            then every attempted message is accounted for from the broker's own trace: lost \
            (acknowledged, never processed), duplicated (allowed), unexpected (never \
            published), recovered (no answer, yet processed). The soak fails on a lost or an \
            unexpected message, naming each with its story, and is inconclusive when the lab \
            could not see what became of one.

            Exit status as `chaoslab run`: 0 passed, 1 failed, 2 bad input, 3 inconclusive.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: StackRunOptions

    @Option(help: "Seconds of load.")
    var duration: Double = 120
    @Option(help: "Target publishes a second (default: as many as the stack takes).")
    var rate: Double?
    @Option(help: "Through the API: requests in flight at once; with --via amqp: connections (at most 4).")
    var concurrency = 16
    @Option(help: "Seed of the random schedule (default: a random one, printed and written to the report).")
    var seed: UInt64?
    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp("The kinds of fault to draw from (default: all that apply).", valueName: "kind")
    )
    var nemesis: [String] = []
    @Option(help: ArgumentHelp("A JSON schedule to play instead of a random one (as the report's schedule.json).", valueName: "file"))
    var schedule: String?
    @Option(name: .customLong("work-ms"), help: "How long each message asks a worker to work, in milliseconds, where the stack's message says so.")
    var workMilliseconds = 0
    @Option(help: "api (through the stack's HTTP API) or amqp (straight to the broker, with confirms).")
    var via: Via = .api

    /// What `--via` takes.
    enum Via: String, ExpressibleByArgument, CaseIterable {
        case api, amqp

        var route: PublishRoute { self == .api ? .api : .amqp }
    }

    func validate() throws {
        try options.validate(with: global)
        guard duration.isFinite, duration >= 5, duration <= 86_400 else {
            throw ValidationError("--duration must be between 5 and 86400 seconds, not \(duration).")
        }
        if let rate, !(rate.isFinite && rate > 0) {
            throw ValidationError("--rate must be a positive number of publishes a second, not \(rate).")
        }
        guard (1...256).contains(concurrency) else {
            throw ValidationError("--concurrency must be between 1 and 256, not \(concurrency).")
        }
        if schedule != nil && (seed != nil || !nemesis.isEmpty) {
            throw ValidationError("--schedule plays the faults of its file; --seed and --nemesis only shape a random schedule.")
        }
        guard (0...60_000).contains(workMilliseconds) else {
            throw ValidationError("--work-ms must be between 0 and 60000, not \(workMilliseconds).")
        }
        _ = try kinds()
    }

    /// The kinds `--nemesis` names, every kind when it names none.
    func kinds() throws -> Set<SoakFault.Kind> {
        guard !nemesis.isEmpty else { return Set(SoakFault.Kind.allCases) }
        let names = nemesis.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        return try Set(names.map { name in
            guard let kind = SoakFault.Kind(rawValue: name) else {
                let known = SoakFault.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("--nemesis: unknown fault kind \"\(name)\"; the kinds are \(known).")
            }
            return kind
        })
    }

    func run() async throws {
        let seed = seed ?? UInt64.random(in: 1...999_999)
        let kinds = try kinds()
        try await options.execute(global: global, finished: Self.printFinalLine) { roles in
            let explicit = try schedule.map { path in
                try SoakSchedule.load(from: path, services: roles.soakServices, broker: roles.broker, duration: duration)
            }
            let soakOptions = SoakOptions(
                duration: duration, rate: rate, concurrency: concurrency, seed: seed, nemesis: kinds, schedule: explicit, route: via.route,
                workMilliseconds: workMilliseconds
            )
            let played = soakOptions.schedule(workers: roles.workers, broker: roles.broker)
            ProgressPrinter.emit("soak: \(explicit == nil ? "seed \(seed), " : "schedule \(schedule ?? ""), ")\(played.faults.count) faults over \(duration.formatted()) s")
            return [SoakCheck(options: soakOptions)]
        }
    }

    /// `soak: A acknowledged, P processed, L lost, D duplicated, U unexpected, R recovered; X msg/s`,
    /// the last line on stdout.
    static func printFinalLine(_ results: [CheckResult]) {
        if let summary = results.lazy.compactMap(\.soak).first {
            ProgressPrinter.emit(summary.finalLine)
        } else if let result = results.first {
            ProgressPrinter.emit("soak: no account (\(result.verdict.rawValue): \(result.reason))")
        }
    }
}
