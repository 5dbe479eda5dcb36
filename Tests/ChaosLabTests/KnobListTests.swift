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

/// Each knob's reader is the part of the reference stack whose code acts on it: a switch
/// recreates only that part, so a knob read elsewhere would be switched on a service that never
/// restarts.
@Suite("Knob readers")
struct KnobReaderTests {
    /// The fixture's sources of one part, concatenated.
    static func sources(_ folders: [String]) throws -> String {
        let root = KnobListTests.repository.appendingPathComponent("Sources/Fixtures")
        var text = ""
        for folder in folders {
            let directory = root.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".swift") {
                text += try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            }
        }
        return text
    }

    @Test("the API's knobs are read by the API's code alone, the workers' by the worker's, the broker's by its entrypoint or the compose file", arguments: FixtureKnob.allCases)
    func readers(knob: FixtureKnob) throws {
        let api = try Self.sources(["API"]) + String(contentsOf: KnobListTests.repository.appendingPathComponent("Sources/Fixtures/Commands/APICommand.swift"), encoding: .utf8)
        let worker = try Self.sources(["Worker"]) + String(contentsOf: KnobListTests.repository.appendingPathComponent("Sources/Fixtures/Commands/WorkerCommand.swift"), encoding: .utf8)
        let read = "has(.\(knob))"
        #expect(api.contains(read) == (knob.reader == .api), "\(knob) is read by the API: \(api.contains(read))")
        #expect(worker.contains(read) == (knob.reader == .workers), "\(knob) is read by the worker: \(worker.contains(read))")
        if knob.reader == .broker {
            let script = try String(contentsOf: KnobListTests.repository.appendingPathComponent("compose/rabbitmq/chaoslab-entrypoint.sh"), encoding: .utf8)
            let acted = script.split(separator: "\n").contains { $0.contains("\(knob.rawValue))") && $0.contains("=") }
            #expect(acted || !knob.composeVariables.isEmpty, "\(knob): neither the entrypoint nor the compose file acts on it")
        }
    }

    @Test("a switch recreates the services that read what changed; one the broker reads recreates the stack")
    func servicesToRecreate() {
        let roles = StackRoles.reference()
        #expect(roles.servicesToRecreate(switchingKnobsFrom: [], to: [.autoAck]) == ["worker1", "worker2"])
        #expect(roles.servicesToRecreate(switchingKnobsFrom: [.autoAck], to: [.nonJSONBody]) == ["api", "worker1", "worker2"])
        #expect(roles.servicesToRecreate(switchingKnobsFrom: [.transientMessages], to: []) == ["api"])
        #expect(roles.servicesToRecreate(switchingKnobsFrom: [.autoAck], to: [.autoAck]) == [])
        #expect(roles.servicesToRecreate(switchingKnobsFrom: [], to: [.guestRemote]) == nil)
        #expect(roles.servicesToRecreate(switchingKnobsFrom: [.monitorRouteMoved], to: []) == nil)
    }
}
