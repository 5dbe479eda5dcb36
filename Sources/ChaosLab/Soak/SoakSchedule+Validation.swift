extension SoakSchedule {
    /// Checks the schedule against the stack it is for.
    ///
    /// Each fault must hit a service of the stack (a broker kind the broker, a partition not
    /// the broker itself), start at 0 or later, last more than 0 s (a broker restart exactly
    /// 0 s, as it takes what it takes), carry an amount when its kind takes one and only then,
    /// end within `duration` when given, and not overlap another fault on the same service,
    /// which also keeps broker faults one at a time.
    /// - Parameters:
    ///   - services: every service of the stack.
    ///   - broker: the broker's service.
    ///   - duration: the soak's load in seconds, when known.
    ///   - file: where the schedule was read from, for the messages.
    /// - Throws: ``SoakScheduleError`` listing every problem, faults counted from 1 in the
    ///   order of ``faults``.
    public func validate(services: [String], broker: String, duration: Double? = nil, file: String? = nil) throws(SoakScheduleError) {
        let problems = Self.problems(in: faults, services: services, broker: broker, duration: duration)
        guard problems.isEmpty else { throw SoakScheduleError(file: file, problems: problems) }
    }

    static func problems(in faults: [SoakFault], services: [String], broker: String, duration: Double?) -> [SoakScheduleError.Problem] {
        var problems: [SoakScheduleError.Problem] = []
        for (offset, fault) in faults.enumerated() {
            func problem(_ field: String, _ message: String) {
                problems.append(.init(fault: offset + 1, field: field, message: message))
            }
            if !services.contains(fault.service) {
                problem("service", "service \(fault.service) is not a service of the stack (\(services.sorted().joined(separator: ", "))).")
            } else if fault.kind.hitsBroker, fault.service != broker {
                problem("service", "service \(fault.service) is not the broker (\(broker)), and \(fault.kind.rawValue) hits the broker only.")
            } else if fault.kind == .partition, fault.service == broker {
                problem("service", "service \(fault.service) is the broker, and a partition cuts a service off the broker.")
            }
            if !fault.at.isFinite || fault.at < 0 {
                problem("at", "at \(fault.at) is not a time from the start of the load (0 or more seconds).")
            }
            if fault.kind == .brokerRestart {
                if fault.duration != 0 {
                    problem("duration", "duration \(fault.duration) must be 0 for broker-restart, which lasts as long as the restart takes.")
                }
            } else if !fault.duration.isFinite || fault.duration <= 0 {
                problem("duration", "duration \(fault.duration) must be more than 0 seconds.")
            }
            switch (fault.kind.amountMeaning, fault.amount) {
            case (let meaning?, nil):
                problem("amount", "amount is missing: \(fault.kind.rawValue) needs \(meaning).")
            case (let meaning?, let amount?) where !fault.kind.accepts(amount: amount):
                problem("amount", "amount \(amount) is not \(meaning), as \(fault.kind.rawValue) needs.")
            case (nil, let amount?):
                problem("amount", "amount \(amount) means nothing for \(fault.kind.rawValue); only packet-loss and bandwidth take one.")
            default:
                break
            }
            if let duration, fault.end.isFinite, fault.end > duration {
                problem("at", "it ends at +\(SoakFault.seconds(fault.end)), after the soak's \(SoakFault.seconds(duration)) of load.")
            }
            if let earlier = faults[..<offset].firstIndex(where: { $0.service == fault.service && Self.overlap($0, fault) }) {
                problem("at", "it overlaps fault \(earlier + 1) (\(faults[earlier])) on service \(fault.service), which takes one fault at a time.")
            }
        }
        return problems
    }

    /// Whether two faults are in force at a common moment; a broker restart counts as an
    /// instant.
    static func overlap(_ first: SoakFault, _ second: SoakFault) -> Bool {
        func end(_ fault: SoakFault) -> Double { fault.duration > 0 ? fault.end : fault.at.nextUp }
        return first.at < end(second) && second.at < end(first)
    }
}
