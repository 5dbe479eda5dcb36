@testable import ChaosLab
import Foundation
import Testing

/// Every knob the lab knows is known to each place that reads `CHAOSLAB_KNOBS`; the broker's
/// entrypoint refuses an unknown knob, so a knob missing there stops the whole stack.
@Suite("Knob lists")
struct KnobListTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("the broker's entrypoint accepts every knob and names it in its error", arguments: FixtureKnob.allCases)
    func brokerEntrypoint(knob: FixtureKnob) throws {
        let script = try String(contentsOf: Self.repository.appendingPathComponent("compose/rabbitmq/chaoslab-entrypoint.sh"), encoding: .utf8)
        let caseLabels = script.split(separator: "\n").filter { $0.contains(")") && !$0.contains("printf") && !$0.contains("$(") }
        #expect(caseLabels.contains { line in line.contains(knob.rawValue) }, "no case label accepts \(knob.rawValue)")
        let known = try #require(script.split(separator: "\n").first { $0.contains("(known: ") })
        #expect(known.contains(knob.rawValue), "the error's list of known knobs lacks \(knob.rawValue)")
    }
}
