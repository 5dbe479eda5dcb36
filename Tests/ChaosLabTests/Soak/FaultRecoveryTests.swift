@testable import ChaosLab
import Testing

@Suite("Soak recovery time per fault")
struct FaultRecoveryTests {
    /// 100 acked/s, with the seconds in `dips` at the given rates.
    static func series(_ count: Int, dips: [Int: Int]) -> [Int] {
        (0..<count).map { dips[$0] ?? 100 }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let acked: [Int]
        let fault: (start: Double, end: Double)
        let baseline: Double?
        let seconds: Double?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a dip from 10 s to 17 s recovers at 18 s", acked: series(30, dips: Dictionary(uniqueKeysWithValues: (10...17).map { ($0, 0) })),
             fault: (10, 15), baseline: 100, seconds: 8),
        Case(name: "a fault that never dents the rate recovers within its first whole second", acked: series(30, dips: [:]),
             fault: (10.5, 20), baseline: 100, seconds: 0.5),
        Case(name: "80 % counts as back, 79 % does not", acked: series(30, dips: [10: 0, 11: 79, 12: 80, 13: 80, 14: 80]),
             fault: (10, 11), baseline: 100, seconds: 2),
        Case(name: "one good second between bad ones is not a recovery", acked: series(30, dips: [10: 0, 11: 0, 12: 100, 13: 0, 14: 0]),
             fault: (10, 11), baseline: 100, seconds: 5),
        Case(name: "never back within the run", acked: series(20, dips: Dictionary(uniqueKeysWithValues: (10..<20).map { ($0, 10) })),
             fault: (10, 12), baseline: 100, seconds: nil),
        Case(name: "back only in the last two seconds is not three in a row", acked: series(20, dips: Dictionary(uniqueKeysWithValues: (10..<18).map { ($0, 0) })),
             fault: (10, 12), baseline: 100, seconds: nil),
        Case(name: "the baseline is the median, so one slow second before does not move it", acked: series(30, dips: [3: 0, 4: 1000, 10: 0]),
             fault: (10, 11), baseline: 100, seconds: 1),
        Case(name: "a fault at the very start has no baseline", acked: series(10, dips: [:]), fault: (0, 2), baseline: nil, seconds: nil),
    ]

    @Test("one fault", arguments: cases)
    func oneFault(_ example: Case) {
        let recovery = FaultRecovery.measure(acked: example.acked, faults: [example.fault])
        #expect(recovery.count == 1)
        #expect(recovery.first?.baseline == example.baseline)
        #expect(recovery.first?.seconds == example.seconds)
        #expect(recovery.first?.start == example.fault.start)
        #expect(recovery.first?.end == example.fault.end)
    }

    @Test("overlapping faults: the second's baseline leaves out the seconds the first was in force")
    func overlapping() {
        // Rate 100 until 10 s, 40 while the first fault is on (10–20 s), 0 from 15 s to 24 s
        // (the second fault, 15–22 s, on top), then 100 again from 25 s.
        var acked = Self.series(40, dips: [:])
        for second in 10..<20 { acked[second] = 40 }
        for second in 15..<25 { acked[second] = 0 }
        let recoveries = FaultRecovery.measure(acked: acked, faults: [(10, 20), (15, 22)])
        #expect(recoveries.map(\.baseline) == [100, 100])
        #expect(recoveries.map(\.seconds) == [15, 10])
    }

    @Test("the lookback bounds the baseline, and faults can be given as the schedule's own")
    func lookbackAndSchedule() {
        var acked = Self.series(100, dips: [:])
        for second in 0..<50 { acked[second] = 500 }
        let fault = SoakFault(.kill, "worker1", at: 60, duration: 5)
        #expect(FaultRecovery.measure(acked: acked, faults: [fault], lookback: 10).first?.baseline == 100)
        #expect(FaultRecovery.measure(acked: acked, faults: [fault], lookback: 60).first?.baseline == 500)
        #expect(FaultRecovery.measure(acked: acked, faults: [fault]).first?.end == 65)
    }
}
