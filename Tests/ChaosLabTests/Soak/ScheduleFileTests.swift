@testable import ChaosLab
import Foundation
import Testing

/// Schedules written to and read from JSON files, and the errors a wrong one gets.
@Suite("Soak schedule files")
struct ScheduleFileTests {
    static let services = ["api", "rabbitmq", "worker1", "worker2"]

    static func decode(_ json: String, duration: Double? = 120) throws(SoakScheduleError) -> SoakSchedule {
        try SoakSchedule.decode(Data(json.utf8), file: "schedule.json", services: services, broker: "rabbitmq", duration: duration)
    }

    static func problems(_ json: String, duration: Double? = 120) throws -> [String] {
        let error = try #require(throws: SoakScheduleError.self) { try decode(json, duration: duration) }
        return error.description.split(separator: "\n").map(String.init)
    }

    @Test("a schedule survives a save and a load")
    func roundTrip() async throws {
        try await withTemporaryDirectory { folder in
            let schedule = SoakSchedule.random(seed: 11, duration: 300, workers: ["worker1", "worker2"], broker: "rabbitmq")
            let path = folder + "/schedule.json"
            try schedule.save(to: path)
            #expect(try SoakSchedule.load(from: path, services: Self.services, broker: "rabbitmq", duration: 300) == schedule)
            #expect(try JSONDecoder().decode(SoakSchedule.self, from: Data(contentsOf: URL(fileURLWithPath: path))) == schedule)
        }
    }

    @Test("faults are read in any order and kept in the order they begin")
    func sorted() throws {
        let schedule = try Self.decode("""
            {"faults": [
              {"kind": "pause", "service": "worker2", "at": 30, "duration": 5},
              {"kind": "packet-loss", "service": "worker1", "at": 10, "duration": 5, "amount": 0.3}
            ]}
            """)
        #expect(schedule.seed == nil)
        #expect(schedule.faults.map(\.at) == [10, 30])
    }

    @Test("each problem names the file, the fault as the file counts it, and the field")
    func validation() throws {
        let lines = try Self.problems("""
            {"seed": 3, "faults": [
              {"kind": "pause", "service": "worker1", "at": 20, "duration": 10},
              {"kind": "broker-kill", "service": "worker2", "at": 5, "duration": 10},
              {"kind": "kill", "service": "worker9", "at": 40, "duration": 5},
              {"kind": "packet-loss", "service": "worker2", "at": 40, "duration": 5},
              {"kind": "bandwidth", "service": "worker2", "at": 60, "duration": 5, "amount": 0.5},
              {"kind": "stop", "service": "worker1", "at": 25, "duration": 3},
              {"kind": "broker-restart", "service": "rabbitmq", "at": -1, "duration": 4},
              {"kind": "partition", "service": "rabbitmq", "at": 70, "duration": 60},
              {"kind": "disconnect", "service": "api", "at": 80, "duration": 0, "amount": 3}
            ]}
            """)
        #expect(lines == [
            "schedule.json: fault 2: service worker2 is not the broker (rabbitmq), and broker-kill hits the broker only.",
            "schedule.json: fault 3: service worker9 is not a service of the stack (api, rabbitmq, worker1, worker2).",
            "schedule.json: fault 4: amount is missing: packet-loss needs a loss probability above 0 and at most 1.",
            "schedule.json: fault 5: amount 0.5 is not a rate in kbit/s, at least 1, as bandwidth needs.",
            "schedule.json: fault 6: it overlaps fault 1 (pause worker1 from +20.0 s to +30.0 s) on service worker1, which takes one fault at a time.",
            "schedule.json: fault 7: at -1.0 is not a time from the start of the load (0 or more seconds).",
            "schedule.json: fault 7: duration 4.0 must be 0 for broker-restart, which lasts as long as the restart takes.",
            "schedule.json: fault 8: service rabbitmq is the broker, and a partition cuts a service off the broker.",
            "schedule.json: fault 8: it ends at +130.0 s, after the soak's 120.0 s of load.",
            "schedule.json: fault 9: duration 0.0 must be more than 0 seconds.",
            "schedule.json: fault 9: amount 3.0 means nothing for disconnect; only packet-loss and bandwidth take one.",
        ])
        let error = try #require(throws: SoakScheduleError.self) { try Self.decode(#"{"faults": [{"kind": "kill", "service": "worker9", "at": 1, "duration": 1}]}"#) }
        #expect(error.problems == [.init(fault: 1, field: "service", message: "service worker9 is not a service of the stack (api, rabbitmq, worker1, worker2).")])
    }

    @Test("broker faults may not overlap, a restart counting as an instant")
    func brokerOneAtATime() throws {
        let lines = try Self.problems("""
            {"faults": [
              {"kind": "broker-kill", "service": "rabbitmq", "at": 10, "duration": 10},
              {"kind": "broker-restart", "service": "rabbitmq", "at": 15, "duration": 0},
              {"kind": "broker-restart", "service": "rabbitmq", "at": 20, "duration": 0}
            ]}
            """)
        #expect(lines == ["schedule.json: fault 2: it overlaps fault 1 (SIGKILL the broker (rabbitmq) from +10.0 s to +20.0 s) on service rabbitmq, which takes one fault at a time."])
    }

    @Test("what JSON cannot give is named by fault and field")
    func decodingErrors() throws {
        #expect(try Self.problems(#"{"faults": [{"kind": "pause", "service": "worker1", "at": 1, "duration": 1}, {"kind": "explode", "service": "worker1", "at": 5, "duration": 1}]}"#)
            == ["schedule.json: fault 2: kind is not one of kill, stop, pause, broker-kill, broker-restart, partition, packet-loss, bandwidth, disconnect."])
        #expect(try Self.problems(#"{"faults": [{"kind": "pause", "service": "worker1", "duration": 1}]}"#)
            == ["schedule.json: fault 1: at is missing."])
        #expect(try Self.problems(#"{"faults": [{"kind": "pause", "service": "worker1", "at": "soon", "duration": 1}]}"#)
            == ["schedule.json: fault 1: at is not a number."])
        #expect(try Self.problems(#"{"seed": 1}"#) == ["schedule.json: faults is missing."])
        let notJSON = try Self.problems("faults: []")
        #expect(notJSON.count == 1 && notJSON[0].hasPrefix("schedule.json: is not a JSON schedule: "))
    }

    @Test("a file that cannot be read is named")
    func unreadable() throws {
        let error = try #require(throws: SoakScheduleError.self) {
            try SoakSchedule.load(from: "/nonexistent/schedule.json", services: Self.services, broker: "rabbitmq")
        }
        #expect(error.description.hasPrefix("/nonexistent/schedule.json: cannot be read: "))
    }
}
