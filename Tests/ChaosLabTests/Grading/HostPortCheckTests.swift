@testable import ChaosLab
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// A port another process holds is said before a student's stack is started, naming it.
@Suite("Grading: ports held before a student's stack starts")
struct HostPortCheckTests {
    /// Listens on 127.0.0.1 on `port`, or on one the system picks; returns the socket and the
    /// port, or `nil` when `port` is taken.
    static func listen(port: Int = 0) -> (descriptor: Int32, port: Int)? {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && Glibc.listen(descriptor, 1) == 0 && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard bound else {
            close(descriptor)
            return nil
        }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }

    @Test("a published port something listens on is named with its service and holder; a free one is not")
    func heldPort() async throws {
        let (descriptor, port) = try #require(Self.listen())
        let file = try ComposeFile.parse(yaml: """
            services:
              api:
                image: example/api
                ports: ["127.0.0.1:\(port):5000"]
            """, path: "docker-compose.yml", environment: [:])
        let runner = ScriptedRunner { .scripted($0, stdout: "chaoslab-grade-ana_api_1\n") }
        let held = await HostPortCheck.firstHeldPort(in: file, runner: runner)
        #expect(held?.description == "port 127.0.0.1:\(port) of service api is held by container chaoslab-grade-ana_api_1")
        #expect(runner.commandLines == ["docker ps --filter publish=\(port) --format '{{.Names}}'"])
        close(descriptor)
    }

    @Test("a port nothing holds is not named")
    func freePort() throws {
        // Below the ephemeral range (32768 and up), so no other test's outgoing connection can
        // take it between the close and the look, as one took a closed ephemeral port.
        var listener: (descriptor: Int32, port: Int)?
        for port in 20_000..<20_100 where listener == nil {
            listener = Self.listen(port: port)
        }
        let free = try #require(listener)
        close(free.descriptor)
        #expect(!HostPortCheck.isHeld(address: "127.0.0.1", port: free.port))
    }
}
