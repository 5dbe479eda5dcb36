extension SoakSchedule {
    /// A schedule of overlapping faults drawn from `seed`: the same seed with the same
    /// arguments gives the same schedule, so a run can be replayed from its report's seed.
    ///
    /// Faults start one `pacing.gap` after another from `pacing.warmUp` on, each of a kind
    /// drawn from `nemesis` (worker kinds on a worker drawn from those free, broker kinds on
    /// the broker). A drawn fault that would break one of these rules is skipped:
    /// - no service has two faults at once, and a service rests `pacing.serviceRecovery`
    ///   between two;
    /// - at most one broker fault at a time, `pacing.brokerRecovery` apart;
    /// - at most `pacing.maxConcurrent` faults in force, and with two workers or more at least
    ///   one of them free (unless `pacing.spareOneWorker` is off);
    /// - every fault over (a broker restart given `pacing.restartAllowance`) by
    ///   `duration - pacing.endMargin`.
    /// Times are rounded to tenths of a second.
    /// - Parameters:
    ///   - seed: the seed, recorded in the schedule.
    ///   - duration: the soak's load, in seconds.
    ///   - nemesis: the kinds drawn from; all by default.
    ///   - workers: the services worker kinds hit (the broker is never one of them).
    ///   - broker: the broker's service.
    ///   - pacing: gaps, durations, limits and amounts.
    public static func random(
        seed: UInt64,
        duration: Double,
        nemesis: Set<SoakFault.Kind> = Set(SoakFault.Kind.allCases),
        workers: [String],
        broker: String,
        pacing: SoakPacing = SoakPacing()
    ) -> SoakSchedule {
        let workers = workers.filter { $0 != broker }
        // In declaration order, never in the set's: a set's order changes from run to run.
        let kinds = SoakFault.Kind.allCases.filter { nemesis.contains($0) && ($0.hitsBroker || !workers.isEmpty) }
        guard !kinds.isEmpty, pacing.gap.lowerBound > 0 else { return SoakSchedule(seed: seed, faults: []) }
        var random = SeededRandom(seed: seed)
        let lastEnd = duration - pacing.endMargin
        var faults: [SoakFault] = []
        var freeAt: [String: Double] = [:]
        var start = pacing.warmUp - pacing.gap.lowerBound
        while true {
            // Every draw is made whatever the rules decide, in the same order.
            start = tenths(start + random.uniform(pacing.gap))
            guard start < lastEnd else { break }
            let kind = random.element(of: kinds)
            let length = switch kind {
            case .brokerRestart: 0.0
            case .brokerKill: tenths(random.uniform(pacing.brokerDowntime))
            default: tenths(random.uniform(pacing.faultDuration))
            }
            let pick = random.unit()
            let amount: Double? = switch kind {
            case .packetLoss: random.element(of: pacing.lossProbabilities)
            case .bandwidth: Double(random.element(of: pacing.bandwidths))
            default: nil
            }
            var fault = SoakFault(kind, broker, at: start, duration: length, amount: amount)
            guard start + pacing.occupancy(of: fault) <= lastEnd else { continue }
            let inForce = faults.filter { $0.at <= start && start < $0.at + pacing.occupancy(of: $0) }
            guard inForce.count < pacing.maxConcurrent else { continue }
            if kind.hitsBroker {
                guard freeAt[broker, default: 0] <= start else { continue }
            } else {
                let faulted = Set(inForce.map(\.service)).intersection(workers)
                if pacing.spareOneWorker, workers.count > 1, faulted.count >= workers.count - 1 { continue }
                let free = workers.filter { freeAt[$0, default: 0] <= start }
                guard !free.isEmpty else { continue }
                fault.service = free[SeededRandom.index(pick, count: free.count)]
            }
            faults.append(fault)
            let rest = kind.hitsBroker ? pacing.brokerRecovery : pacing.serviceRecovery
            freeAt[fault.service] = start + pacing.occupancy(of: fault) + rest
        }
        return SoakSchedule(seed: seed, faults: faults)
    }

    private static func tenths(_ seconds: Double) -> Double {
        (seconds * 10).rounded() / 10
    }
}
