@testable import ChaosLab
import Testing

/// What inference reads from a counting stack's code: the producer's publish call and the dict
/// it sends, the consumer's count per key, the fields it reads and its GET routes.
@Suite("Roles: a counting stack's code")
struct CountingCodeTests {
    static func scan(_ source: String, file: String = "app.py") -> BuildContextScan {
        var scan = BuildContextScan()
        SourcePatterns().read(source, file: file, into: &scan)
        return scan
    }

    @Test("a multi-line publish of json.dumps of a dict assigned before, persistent, to a named exchange")
    func jsonProducer() throws {
        let clue = try #require(Self.scan("""
            import json, os, pika
            EXCHANGE = os.getenv("EXCHANGE", "eventos")
            KEY = "analiticas"
            def enviar(channel):
                evento = {
                    "cliente": os.environ["SERVICE_ID"],
                    "tipo": "visita",
                    "hora": time.time(),
                }
                channel.basic_publish(
                    exchange=EXCHANGE,
                    routing_key=KEY,
                    body=json.dumps(evento),
                    properties=pika.BasicProperties(delivery_mode=pika.DeliveryMode.Persistent),
                )
            """).eventPublish)
        #expect(clue.exchange == "eventos")
        #expect(clue.routingKey == "analiticas")
        #expect(clue.format == .json)
        #expect(clue.persistent)
        #expect(clue.fields.map(\.key) == ["cliente", "tipo", "hora"])
        #expect(clue.place == "app.py:10")
        #expect(clue.bodyTemplate(key: "cliente") == #"{"cliente": "{{token}}", "tipo": "visita", "hora": "2026-01-01 00:00:00"}"#)
    }

    @Test("str() of an inline dict to the default exchange, transient; a quote in a literal is escaped")
    func pythonDictProducer() throws {
        let clue = try #require(Self.scan("""
            channel.basic_publish(exchange='', routing_key='registro', body=str({'service_id': SERVICE_ID, 'nota': "it's"}))
            """).eventPublish)
        #expect(clue.exchange == "")
        #expect(clue.format == .pythonDict)
        #expect(!clue.persistent)
        #expect(clue.bodyTemplate(key: "service_id") == #"{'service_id': '{{token}}', 'nota': 'it\'s'}"#)
    }

    @Test("a body the lab cannot rebuild (a plain string, a computed routing key) gives no clue", arguments: [
        "channel.basic_publish(exchange='', routing_key='q', body='hola')",
        "channel.basic_publish(exchange='', routing_key=elegir(), body=json.dumps({'a': 1}))",
        "channel.basic_publish(exchange='', routing_key='q', body=json.dumps(datos))",
    ])
    func noClue(source: String) {
        #expect(Self.scan(source).eventPublish == nil)
    }

    @Test("a consumer counting per key, the fields it reads and its GET routes")
    func counter() {
        let scan = Self.scan("""
            conteo = {}
            def callback(ch, method, properties, body):
                datos = json.loads(body)
                conteo[datos["cliente"]] = conteo.get(datos["cliente"], 0) + 1
                ch.basic_ack(delivery_tag=method.delivery_tag)

            @app.route("/reporte")
            def reporte():
                return jsonify(conteo)

            @app.route("/enviar", methods=["POST"])
            def enviar():
                return "ok"
            """)
        #expect(scan.countsPerKey?.place == "app.py:4")
        #expect(scan.readFields == ["cliente"])
        #expect(scan.getRoutes.map(\.value) == ["/reporte"])
    }

    @Test("+= 1 on a subscript counts; on a plain name it does not", arguments: [
        ("registro[service_id] += 1", true),
        ("self.conteos[cliente] += 1  # uno más", true),
        ("total += 1", false),
        ("conteo[k] = conteo.get(k, 0) + 1", true),
        ("conteo[k] = otra.get(k, 0) + 2", false),
    ])
    func counting(line: String, counts: Bool) {
        #expect((Self.scan(line).countsPerKey != nil) == counts)
    }
}
