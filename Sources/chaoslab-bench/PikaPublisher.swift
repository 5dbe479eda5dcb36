import ArgumentParser
import ChaosLab
import Foundation

/// The comparison every AMQP publisher of the lab is held to: pika's `BlockingConnection`
/// publishing with confirms (`confirm_delivery()`), one message at a time, run from a Python
/// that has pika installed.
struct PikaPublisher {
    /// Where the bench looks for that Python by default.
    static let defaultPython = "/tmp/chaoslab-pika/bin/python"
    /// How to make it.
    static let setup = "python3 -m venv /tmp/chaoslab-pika && /tmp/chaoslab-pika/bin/pip install pika"

    let python: String
    let access: BrokerAccess

    /// Publishes `messages` mandatory messages, persistent or transient, to `queue` and returns
    /// how long it took, as pika measured it.
    func publish(_ messages: Int, to queue: String, persistent: Bool) async throws -> Duration {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("chaoslab-pika-\(UUID().uuidString).py")
        try Self.script.write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let result = try await CommandRunner().check(Command(
            python, [script.path, access.host, String(access.amqpPort), access.virtualHost, queue, String(messages), persistent ? "2" : "1"],
            environment: ["CHAOSLAB_PIKA_USER": access.user, "CHAOSLAB_PIKA_PASSWORD": access.password],
            timeout: .seconds(3600)))
        guard let seconds = Double(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw ValidationError("pika printed no time: \(result.stdout.prefix(200))")
        }
        return .seconds(seconds)
    }

    /// Whether `python` can import pika.
    func isAvailable() async -> Bool {
        let result = try? await CommandRunner().run(Command(python, ["-c", "import pika"], timeout: .seconds(30)))
        return result?.succeeded == true
    }

    /// Publishes the way the pika tutorials do with confirms: one basic_publish after the other,
    /// each waiting for its confirm; a nack or an unroutable message raises.
    static let script = #"""
        import os, sys, time
        import pika

        host, port, vhost, queue, count, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
        credentials = pika.PlainCredentials(os.environ["CHAOSLAB_PIKA_USER"], os.environ["CHAOSLAB_PIKA_PASSWORD"])
        connection = pika.BlockingConnection(pika.ConnectionParameters(host=host, port=port, virtual_host=vhost, credentials=credentials))
        channel = connection.channel()
        channel.confirm_delivery()
        properties = pika.BasicProperties(content_type="application/json", delivery_mode=mode)
        started = time.perf_counter()
        for number in range(1, count + 1):
            body = '{"id": "pika-%d", "message": "pika-%d", "work_ms": 0, "poison": false}' % (number, number)
            channel.basic_publish(exchange="", routing_key=queue, body=body, properties=properties, mandatory=True)
        print(time.perf_counter() - started)
        connection.close()
        """#
}
