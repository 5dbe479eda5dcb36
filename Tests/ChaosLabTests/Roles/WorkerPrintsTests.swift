@testable import ChaosLab
import Foundation
import Testing

/// The lines a worker prints when it finishes or turns away a message, read from its code.
@Suite("Roles: what a worker prints when it is done")
struct WorkerPrintsTests {
    static func scan(_ source: String, file: String = "worker.py") -> BuildContextScan {
        var scan = BuildContextScan()
        SourcePatterns().read(source, file: file, into: &scan)
        return scan
    }

    static let tutorialCallback = """
        def callback(ch, method, properties, body):
            print(" [x] Received %r" % body.decode())
            if b'fail' in body:
                print(" [x] Rejected")
                ch.basic_reject(delivery_tag=method.delivery_tag, requeue=False)
                return
            time.sleep(body.count(b'.'))
            print(" [x] Done")
            ch.basic_ack(delivery_tag=method.delivery_tag)
        """

    @Test("the tutorial's worker: [x] Done before basic_ack, [x] Rejected before basic_reject")
    func tutorial() {
        let scan = Self.scan(Self.tutorialCallback)
        #expect(scan.donePrints == [SourceClue(value: "[x] Done", file: "worker.py", line: 8)])
        #expect(scan.rejectPrints == [SourceClue(value: "[x] Rejected", file: "worker.py", line: 4)])
    }

    @Test(
        "what counts and what does not",
        arguments: [
            ("    print(f' [x] Done {message}', flush=True)\n    channel.basic_ack(delivery_tag=tag)", ["[x] Done"]),
            ("  console.log(` [x] Done ${text}`);\n  channel.ack(msg);", ["[x] Done"]),
            ("    print(' [x] Received %r' % body)\n    ch.basic_ack(delivery_tag=tag)", []),
            ("    print('Terminado')\n    a = 1\n    b = 2\n    c = 3\n    ch.basic_ack(delivery_tag=tag)", []),
            ("    print(f'{name}: ok')\n    ch.basic_ack(delivery_tag=tag)", []),
            ("    log.info('Done')\n    ch.basic_ack(delivery_tag=tag)", []),
        ] as [(String, [String])]
    )
    func donePrints(source: String, starts: [String]) {
        #expect(Self.scan(source, file: source.contains("console.log") ? "worker.js" : "worker.py").donePrints.map(\.value) == starts)
    }

    @Test(
        "several lines give the start they share, escaped",
        arguments: [
            (["[x] Done"], #"\[x\] Done"#),
            (["[!] Rejected an unreadable body:", "[!] Rejected"], #"\[!\] Rejected"#),
            (["Task (1) done.", "Task (1) done."], #"Task \(1\) done\."#),
            (["Done", "Rejected"], nil),
        ] as [([String], String?)]
    )
    func pattern(texts: [String], pattern: String?) {
        #expect(SourcePatterns.pattern(commonTo: texts) == pattern)
    }

    @Test("inference: the tutorial's workers close their deliveries with the lines they print, poison included")
    func tutorialStdout() throws {
        let resolution = try RolesFixture.resolve(ExampleRolesTests.composeFile("tutorial"))
        let evidence = try #require(resolution.roles?.workerEvidence)
        #expect(evidence.donePattern == #"\[x\] Done"#)
        #expect(evidence.rejectedPattern == #"\[x\] Rejected"#)
        #expect(resolution.source(of: .donePattern)?.description == "guessed from the line printed before acknowledging a message in worker/worker.py:34")
        let reader = try #require(try StdoutDeliveryReader(evidence: evidence))
        let texts = [
            " [*] Waiting for messages. To exit press CTRL+C",
            " [x] Received 'dead-letter-3fa9c1-0 fail'", " [x] Rejected",
            " [x] Received 'dead-letter-3fa9c1-1'", " [x] Done",
            " [x] Received 'dead-letter-3fa9c1-2'", " [x] Done",
        ]
        let lines = texts.enumerated().map { offset, text in
            LogLine(service: "worker1", index: 1, timestamp: HistoryFixtures.at(Double(offset + 1)), stream: .stdout, text: text)
        }
        let traces = reader.deliveries(of: "worker1", in: lines, tokenPrefix: "dead-letter-3fa9c1-")
        #expect(traces.map { "\($0.id) \($0.outcome)" } == ["dead-letter-3fa9c1-0 rejected", "dead-letter-3fa9c1-1 acked", "dead-letter-3fa9c1-2 acked"])
    }
}
