@testable import ChaosLab
import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("JUnit report")
struct JUnitReportTests {
    let xml = JUnitReport(ReportFixtures.mixed).rendered

    @Test("the document is well-formed, with one suite and its counts")
    func suite() throws {
        #expect(XMLCheck.problem(xml) == nil)
        let root = try #require(try XMLCheck.document(xml).rootElement())
        #expect(root.name == "testsuite")
        let attributes = ["name", "tests", "failures", "errors", "skipped", "time"].map { root.attribute(forName: $0)?.stringValue }
        #expect(attributes == ["chaoslab", "4", "1", "1", "1", "60.000"])
        #expect(try XMLCheck.count("/testsuite/testcase", in: xml) == 4)
        #expect(try XMLCheck.count("/testsuite/properties/property[@name='composeFile'][@value='compose/docker-compose.yml']", in: xml) == 1)
    }

    @Test("each check is a testcase named after it, in the project's class")
    func testcases() throws {
        let document = try XMLCheck.document(xml)
        let cases = try document.nodes(forXPath: "/testsuite/testcase").compactMap { $0 as? XMLElement }
        #expect(cases.map { $0.attribute(forName: "name")?.stringValue } == ["round-robin", "redelivery", "prefetch-fairness", "dead-letter"])
        #expect(cases.allSatisfy { $0.attribute(forName: "classname")?.stringValue == "chaoslab.chaoslab" })
        #expect(cases.map { $0.attribute(forName: "time")?.stringValue } == ["10.000", "10.000", "10.000", "10.000"])
    }

    @Test("fail, inconclusive and not-applicable map to failure, error and skipped")
    func verdicts() throws {
        let document = try XMLCheck.document(xml)
        let failure = try #require(try document.nodes(forXPath: "//testcase[@name='redelivery']/failure").first as? XMLElement)
        #expect(failure.attribute(forName: "type")?.stringValue == "fail")
        #expect(failure.attribute(forName: "message")?.stringValue == ReportFixtures.failing.reason)
        #expect(failure.stringValue == "deliveries of the task: 3\nlost messages: 1")
        let error = try #require(try document.nodes(forXPath: "//testcase[@name='prefetch-fairness']/error").first as? XMLElement)
        #expect(error.attribute(forName: "message")?.stringValue == "The broker could be sampled only 1 times.")
        let skipped = try #require(try document.nodes(forXPath: "//testcase[@name='dead-letter']/skipped").first as? XMLElement)
        #expect(skipped.attribute(forName: "message")?.stringValue == "The work queue has no x-dead-letter-exchange.")
        #expect(try document.nodes(forXPath: "//testcase[@name='round-robin']/*[local-name()!='system-out']").isEmpty)
    }

    @Test("markup is escaped and control characters are left out")
    func escaping() throws {
        let result = ReportFixtures.result("c<\"d\">", .fail, reason: "line 1\nline 2 <script>\u{1B}[31m & \u{0}", evidence: [], faults: ReportFixtures.failing.faults)
        let xml = JUnitReport(ReportFixtures.report([result], project: "p&q")).rendered
        #expect(XMLCheck.problem(xml) == nil)
        #expect(!xml.contains("<script>") && !xml.contains("\u{1B}") && !xml.contains("\u{0}"))
        let document = try XMLCheck.document(xml)
        let testcase = try #require(try document.nodes(forXPath: "//testcase").first as? XMLElement)
        #expect(testcase.attribute(forName: "name")?.stringValue == "c<\"d\">")
        #expect(testcase.attribute(forName: "classname")?.stringValue == "chaoslab.p&q")
        let failure = try #require(try document.nodes(forXPath: "//failure").first as? XMLElement)
        #expect(failure.attribute(forName: "message")?.stringValue == "line 1\nline 2 <script>[31m & ")
        let out = try #require(try document.nodes(forXPath: "//system-out").first)
        #expect(out.stringValue?.contains("Fault F2 at +106.00 s: start worker1 (docker start <worker1 container>); failed: container <gone>") == true)
    }

    @Test("an empty run is an empty suite")
    func empty() throws {
        let xml = JUnitReport(ReportFixtures.report([])).rendered
        #expect(XMLCheck.problem(xml) == nil)
        #expect(xml.contains(#"tests="0" failures="0" errors="0" skipped="0""#))
    }
}
