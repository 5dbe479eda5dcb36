@testable import ChaosLab
import Testing

@Suite("Compose short syntaxes")
struct ComposeSyntaxTests {
    @Test(
        "ports",
        arguments: [
            ("5672", ComposePort(target: "5672")),
            ("8000:8000", ComposePort(published: "8000", target: "8000")),
            ("127.0.0.1:80:8080/tcp", ComposePort(hostIP: "127.0.0.1", published: "80", target: "8080")),
            ("127.0.0.1::5672", ComposePort(hostIP: "127.0.0.1", target: "5672")),
            ("9000-9002:9000-9002/udp", ComposePort(published: "9000-9002", target: "9000-9002", protocol: "udp")),
            ("[::1]:443:443", ComposePort(hostIP: "::1", published: "443", target: "443")),
        ]
    )
    func ports(text: String, expected: ComposePort) {
        #expect(ComposePort(shortSyntax: text) == expected)
    }

    @Test("not ports", arguments: ["", "a:b", "1:2:3:4", "80/icmp", "host:80:"])
    func notPorts(text: String) {
        #expect(ComposePort(shortSyntax: text) == nil)
    }

    @Test(
        "volume mounts",
        arguments: [
            ("/data", ComposeVolumeMount(type: "volume", source: nil, target: "/data")),
            ("data:/data", ComposeVolumeMount(type: "volume", source: "data", target: "/data")),
            ("./conf:/etc/app:ro", ComposeVolumeMount(type: "bind", source: "./conf", target: "/etc/app", readOnly: true)),
            ("/var/run/docker.sock:/var/run/docker.sock:ro,z", ComposeVolumeMount(type: "bind", source: "/var/run/docker.sock", target: "/var/run/docker.sock", readOnly: true)),
        ]
    )
    func volumes(text: String, expected: ComposeVolumeMount) {
        #expect(ComposeVolumeMount(shortSyntax: text) == expected)
    }

    @Test(
        "durations",
        arguments: [("1s", Duration.seconds(1)), ("500ms", .milliseconds(500)), ("1m30s", .seconds(90)), ("1h", .seconds(3600)), ("2.5s", .milliseconds(2500)), ("0", .zero)]
    )
    func durations(text: String, expected: Duration) {
        #expect(ComposeDuration.parse(text) == expected)
    }

    @Test("not durations", arguments: ["", "soon", "10", "1x", "s"])
    func notDurations(text: String) {
        #expect(ComposeDuration.parse(text) == nil)
    }

    @Test(
        "command strings split as a shell would",
        arguments: [
            ("chaoslab-fixture worker", ["chaoslab-fixture", "worker"]),
            ("  a   b  ", ["a", "b"]),
            (#"sh -c 'echo "$X"; exit 1'"#, ["sh", "-c", #"echo "$X"; exit 1"#]),
            (#"say "a \"quoted\" word" ''"#, ["say", #"a "quoted" word"#, ""]),
            (#"a\ b"#, ["a b"]),
        ]
    )
    func shellWords(text: String, expected: [String]) throws {
        #expect(try ShellWords.split(text) == expected)
    }

    @Test("an unterminated quote is an error")
    func unterminated() {
        #expect(throws: ShellWords.UnterminatedQuote.self) { try ShellWords.split("sh -c 'oops") }
    }
}
