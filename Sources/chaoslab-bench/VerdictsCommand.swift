import ArgumentParser
import ChaosLab
import Foundation

/// `chaoslab-bench verdicts`: builds a synthetic run and times the verdict engine on it, stage
/// by stage, checking every pass against what was planted.
struct VerdictsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verdicts",
        abstract: "Time the ledger, the traces, the history and the checker on a synthetic run.",
        discussion: """
            The run is built from the seed alone: the lab publishes through an API, the broker \
            delivers round-robin to prefetch-1 workers, some workers are killed and their message \
            redelivered, some messages are rejected and dead-lettered, some publishes are refused \
            or go unanswered, and a few messages are lost on purpose. Every pass is checked against \
            what was planted; the command exits with 1 if the engine found anything else.
            """
    )

    @Option(help: "Messages the lab publishes.")
    var messages = 100_000

    @Option(help: "Workers consuming the work queue.")
    var workers = 10

    @Option(name: .customLong("repeat"), help: "Timed passes over the same input.")
    var passes = 5

    @Option(help: "The seed the run is built from.")
    var seed: UInt64 = 1

    @Option(help: "Workers that consume without acknowledgements.")
    var autoAckWorkers = 1

    @Option(help: "Share of messages whose worker is killed holding them, then redelivered.")
    var redelivered = 0.01

    @Option(help: "Share of messages rejected and dead-lettered.")
    var rejected = 0.005

    @Option(help: "Share of publishes the API refuses.")
    var refused = 0.001

    @Option(help: "Share of publishes whose answer never comes.")
    var timedOut = 0.001

    @Option(help: "Messages lost on purpose: delivered to a worker killed with them, never redelivered.")
    var lost = 5

    @Option(help: "Messages the API publishes twice.")
    var duplicates = 3

    @Option(help: "Messages with the run's tokens that the lab never published.")
    var strays = 2

    @Option(help: "Deliveries of a poison message requeued in a loop (0: none).")
    var requeueLoop = 2_000

    var shape: SyntheticShape {
        SyntheticShape(
            messages: messages, workers: workers, autoAckWorkers: autoAckWorkers,
            redeliveredFraction: redelivered, rejectedFraction: rejected, refusedFraction: refused, timedOutFraction: timedOut,
            lost: lost, duplicates: duplicates, strays: strays, requeueLoop: requeueLoop, seed: seed
        )
    }

    func validate() throws {
        guard passes >= 1 else {
            throw ValidationError("--repeat must be at least 1; got \(passes).")
        }
        if let problem = shape.problem {
            throw ValidationError(problem)
        }
    }

    func run() throws {
        #if DEBUG
        FileHandle.standardError.write(Data("chaoslab-bench: a debug build; build with -c release for figures worth comparing.\n".utf8))
        #endif
        let shape = shape
        var builder = SyntheticRunBuilder(shape: shape)
        let run = builder.build()
        let planted = run.planted
        print("chaoslab-bench verdicts: seed \(seed), \(passes) \(passes == 1 ? "pass" : "passes")")
        print(
            "input: \(shape.messages.grouped) messages over \(shape.workers) workers (\(shape.autoAckWorkers) auto-ack); "
                + "\(run.events.count.grouped) firehose events (\(run.publishes.grouped) publishes, \(planted.deliveries.grouped) deliveries), "
                + "\(run.consumers.count.grouped) consumer channels, \(run.drains.count) drain marks, \(run.attempts.count.grouped) publish attempts"
        )
        print(
            "planted: \(shape.redelivered.grouped) redelivered after a worker kill, \(shape.rejected.grouped) dead-lettered, "
                + "\(shape.refused.grouped) refused and \(shape.timedOut.grouped) unanswered publishes, \(shape.lost) lost, "
                + "\(shape.duplicates) published twice, \(shape.strays) strays, "
                + (shape.requeueLoop > 0 ? "a poison message delivered \(shape.requeueLoop.grouped) times" : "no poison message")
        )
        let pipeline = VerdictPipeline(run: run)
        var timings = StageTimings()
        var last: VerdictPipeline.Output?
        for pass in 1...passes {
            let (durations, total, output) = pipeline.measure()
            let mismatches = planted.mismatches(in: output)
            guard mismatches.isEmpty else {
                let lines = mismatches.map { "  \($0)" }.joined(separator: "\n")
                FileHandle.standardError.write(Data("chaoslab-bench: pass \(pass) found something other than what was planted:\n\(lines)\n".utf8))
                throw ExitCode.failure
            }
            timings.add(durations, total: total)
            last = output
        }
        if let last {
            print("output: \(last.deliveries.count.grouped) deliveries, \(last.traces.count.grouped) traces, \(last.history.operations.count.grouped) history operations")
            let soakMedian = timings.median(of: .soak)
            let checker = timings.median(of: .ledger) + timings.median(of: .traces) + soakMedian
            print(
                "soak checker: \(last.history.operations.count.grouped) history operations accounted for in \(StageTimings.milliseconds(soakMedian)) "
                    + "(with the ledger and traces: \(StageTimings.milliseconds(checker))); \(last.soak.lost.count) lost, "
                    + "\(last.soak.analysis.duplicated.count) duplicated, \(last.soak.analysis.unexpected.count) unexpected "
                    + "(a soak counts dead-lettered messages it did not find in the DLQ as lost, and refused publishes that appear as unexpected)"
            )
        }
        print()
        print(timings.table(events: run.events.count, messages: shape.messages))
        print()
        print(
            "verified on every pass: \(planted.lost.count) lost, \(planted.unexpected.count) unexpected, \(planted.duplicated.count) duplicated, "
                + "\(planted.redelivered.count.grouped) redelivered, \(planted.deadLettered.count.grouped) dead-lettered, "
                + "\(planted.indeterminate.count.grouped) indeterminate, \(planted.recovered.count.grouped) recovered, as planted"
        )
    }
}
