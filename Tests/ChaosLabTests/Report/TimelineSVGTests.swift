@testable import ChaosLab
import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("SVG timeline")
struct TimelineSVGTests {
    let failing = ReportFixtures.failing

    func svg(_ result: CheckResult) throws -> String {
        try #require(TimelineSVG(result: result, idPrefix: "t").rendered)
    }

    @Test("the timeline is well-formed XML with exactly one rect per message")
    func oneRectPerMessage() throws {
        let svg = try svg(failing)
        #expect(XMLCheck.problem(svg) == nil)
        #expect(svg.occurrences(of: "<rect") == failing.messages.count)
        #expect(try XMLCheck.count("//*[local-name()='rect']", in: svg) == failing.messages.count)
        #expect(try XMLCheck.count("//*[local-name()='rect']/*[local-name()='title']", in: svg) == failing.messages.count)
    }

    @Test("lanes are the workers in the messages, in natural order")
    func lanes() throws {
        #expect(TimelineSVG(result: failing, idPrefix: "t").workers == ["worker1", "worker2", "worker10"])
        let svg = try svg(failing)
        let positions = ["worker1<", "worker2<", "worker10<"].compactMap { svg.range(of: $0)?.lowerBound }
        #expect(positions.count == 3 && positions == positions.sorted())
    }

    @Test("unfinished bars run to the end of the axis, hatched")
    func unfinished() throws {
        let svg = try svg(failing)
        let document = try XMLCheck.document(svg)
        let open = try document.nodes(forXPath: "//*[local-name()='rect'][contains(@class, 'open')]")
        #expect(open.count == 1)
        let x = try #require(XMLCheck.attribute("x", of: open.first).flatMap(Double.init))
        let width = try #require(XMLCheck.attribute("width", of: open.first).flatMap(Double.init))
        #expect(abs(x + width - (TimelineSVG.width - TimelineSVG.rightMargin)) < 0.2)
        #expect(XMLCheck.attribute("fill", of: open.first) == "url(#t-unfinished)")
        #expect(svg.contains(#"<pattern id="t-unfinished""#))
    }

    @Test("redelivered messages get an outline and a marker; outcomes their colours")
    func redeliveredAndOutcomes() throws {
        let svg = try svg(failing)
        #expect(try XMLCheck.count("//*[local-name()='rect'][contains(@class, 'redelivered')]", in: svg) == 1)
        #expect(svg.occurrences(of: #"class="redelivered-marker""#) == 1)
        #expect(svg.contains(#"class="bar outcome-rejected" "#) && svg.contains(##"fill="#D55E00""##))
        #expect(svg.contains(#"class="bar outcome-requeued" "#) && svg.contains(##"fill="#E69F00""##))
        #expect(svg.contains(##"stroke="#0072B2""##))
    }

    @Test("faults are labelled vertical lines; a failed one says so")
    func faults() throws {
        let svg = try svg(failing)
        #expect(svg.occurrences(of: #"class="fault-line""#) == 2)
        #expect(svg.contains(">F1 kill worker1</text>"))
        #expect(svg.contains("F2 start worker1 (failed)"))
        #expect(svg.contains("failed: container &lt;gone&gt;"))
    }

    @Test("tooltips name the message, the worker and the times since the check started")
    func tooltips() throws {
        let svg = try svg(failing)
        #expect(svg.contains("<title>m-1\nworker: worker2\nstarted at +2.500 s, ended at +5.000 s\noutcome: acked, redelivered</title>"))
        #expect(svg.contains("m-1\nworker: worker1\nstarted at +1.000 s, never finished"))
    }

    @Test("ids are escaped, however long")
    func escapedIDs() throws {
        let long = "<script>" + String(repeating: "x", count: 5_000) + "</script>"
        let result = ReportFixtures.result("c", .pass, messages: [ReportFixtures.message(long, "worker\u{1B}<1>", 1, 2)])
        let svg = try svg(result)
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("&lt;script&gt;xxx"))
        #expect(XMLCheck.problem(svg) == nil)
    }

    @Test("no messages, no timeline")
    func empty() {
        #expect(TimelineSVG(result: ReportFixtures.result("c", .pass), idPrefix: "t").rendered == nil)
    }

    @Test("hundreds of overlapping messages stay one rect each in a bounded lane")
    func hundreds() throws {
        let messages = (0..<600).map { ReportFixtures.message("m-\($0)", "worker\($0 % 3)", Double($0) * 0.01, Double($0) * 0.01 + 2) }
        let result = ReportFixtures.result("c", .fail, messages: messages)
        let svg = try svg(result)
        #expect(svg.occurrences(of: "<rect") == 600)
        #expect(XMLCheck.problem(svg) == nil)
        let lanes = TimelineSVG(result: result, idPrefix: "t")
        let axis = TimelineAxis(covering: [0, 8], atLeast: 10, left: 0, right: 100)
        let lane = TimelineLane(worker: "worker0", messages: messages.filter { $0.worker == "worker0" }, axis: axis) {
            ($0.start.timeIntervalSince(result.startedAt), $0.end.map { $0.timeIntervalSince(result.startedAt) })
        }
        #expect(lane.rows == TimelineLane.maxRows)
        #expect(lanes.laneHeight(lane) < 120)
    }

    @Test("close faults take separate label rows; many shrink to their tags")
    func crowdedFaults() throws {
        let faults = (0..<8).map { FaultEvent(fault: .kill(ServiceTarget(service: "worker\($0)")), at: ReportFixtures.at(1 + Double($0) * 0.05), took: .zero) }
        let labels = Self.labels(faults, seconds: 10)
        #expect(labels.rows == TimelineFaultLabels.maxRows)
        #expect(labels.placed.map(\.text).filter { !$0.contains(" ") }.count == 8 - TimelineFaultLabels.maxRows)
    }

    @Test("no fault's line strikes through another fault's label")
    func linesMissLabels() {
        let persistence = ReportFixtures.samplePersistence
        let labels = TimelineFaultLabels(faults: persistence.faults, axis: TimelineAxis(covering: [], atLeast: 41.2, left: 130, right: 972), offset: persistence.offset(of:), rightEdge: 998)
        #expect(labels.placed.map(\.text) == ["F1 stop worker2", "F2 kill rabbitmq", "F3 stop worker1", "F4 start rabbitmq", "F5 start worker1", "F6 start worker2"])
        for line in labels.placed {
            for label in labels.placed where label.row > line.row {
                #expect(!(label.start...label.end).contains(line.x), "\(line.text) crosses \(label.text)")
            }
        }
        let atTheEnd = Self.labels([FaultEvent(fault: .start("rabbitmq"), at: ReportFixtures.at(9.9), took: .zero)], seconds: 10)
        #expect(atTheEnd.placed.first?.leftOfLine == true)
    }

    static func labels(_ faults: [FaultEvent], seconds: Double) -> TimelineFaultLabels {
        let axis = TimelineAxis(covering: [], atLeast: seconds, left: 130, right: 972)
        return TimelineFaultLabels(faults: faults, axis: axis, offset: { $0.timeIntervalSince(ReportFixtures.origin) }, rightEdge: 998)
    }
}

@Suite("Timeline axis")
struct TimelineAxisTests {
    @Test("steps are 1, 2 or 5 times a power of ten", arguments: [
        (0.03, 0.05), (0.1, 0.1), (0.13, 0.2), (0.7, 1.0), (1.2, 2.0), (3.0, 5.0), (6.0, 10.0), (41.2 / 8, 10.0),
    ] as [(Double, Double)])
    func steps(raw: Double, step: Double) {
        #expect(abs(TimelineAxis.step(for: raw) - step) < 1e-12)
    }

    @Test("ticks cover the axis from zero with round labels")
    func ticks() {
        let axis = TimelineAxis(covering: [0.2, 1.4], atLeast: 0.8, left: 0, right: 100)
        #expect(axis.upper == 1.4)
        #expect(axis.ticks().map(TimelineAxis.label) == ["0 s", "0.2 s", "0.4 s", "0.6 s", "0.8 s", "1 s", "1.2 s", "1.4 s"])
        #expect(axis.x(0) == 0 && axis.x(1.4) == 100)
    }

    @Test("the axis starts a little before the first thing drawn, not at the check's start")
    func startsAtFirstDrawn() {
        let axis = TimelineAxis(covering: [4.2, 9.5], atLeast: 10, left: 0, right: 100)
        #expect(axis.lower < 4.2 && axis.lower >= 4.2 - 0.5)
        #expect(axis.upper == 10)
        #expect(axis.x(4.2) > 0 && axis.x(4.2) < 5)
        #expect(axis.ticks().first.map { $0 >= axis.lower && $0 <= 4.2 + 1 } == true)
        let early = TimelineAxis(covering: [0.05, 3], atLeast: 3, left: 0, right: 100)
        #expect(early.lower == 0)
    }

    @Test("a timeline whose first message starts late wastes no width before it")
    func noBlankLead() throws {
        let messages = [ReportFixtures.message("m-1", "worker1", 6, 7), ReportFixtures.message("m-2", "worker2", 6.5, 8)]
        let result = ReportFixtures.result("c", .pass, messages: messages)
        let svg = try #require(TimelineSVG(result: result, idPrefix: "t").rendered)
        let document = try XMLCheck.document(svg)
        let first = try document.nodes(forXPath: "//*[local-name()='rect']").compactMap { XMLCheck.attribute("x", of: $0).flatMap(Double.init) }.min()
        #expect(try #require(first) < TimelineSVG.labelWidth + 40)
        #expect(XMLCheck.problem(svg) == nil)
    }

    @Test("something before the start widens the axis to the left")
    func negative() {
        let axis = TimelineAxis(covering: [-0.5, 3], atLeast: 2, left: 0, right: 100)
        #expect(axis.lower < -0.5 && axis.lower > -0.7)
        #expect(axis.ticks().first == -0.5)
    }
}
