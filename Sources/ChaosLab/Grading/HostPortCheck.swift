#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Finds the host ports a compose file publishes that something else holds already, before
/// anything is started: a student's stack that cannot bind its ports would otherwise look as
/// though it did not start.
public enum HostPortCheck {
    /// A published TCP port that cannot be bound, with the service that publishes it.
    public struct HeldPort: Sendable, Hashable, CustomStringConvertible {
        public var service: String
        public var address: String
        public var port: Int
        /// Who holds it, when Docker knows: a container's name.
        public var holder: String?

        public var description: String {
            "port \(address):\(port) of service \(service) is held by \(holder.map { "container \($0)" } ?? "another process")"
        }
    }

    /// The first of `file`'s published TCP ports that is held, with its holder named when a
    /// container publishes it.
    public static func firstHeldPort(in file: ComposeFile, runner: any CommandRunning = CommandRunner()) async -> HeldPort? {
        for service in file.services {
            for port in service.ports where port.protocol == "tcp" {
                guard let number = port.publishedPort else { continue }
                let address = port.hostIP ?? "0.0.0.0"
                guard isHeld(address: address, port: number) else { continue }
                let holder = try? await runner.run(Command("docker", ["ps", "--filter", "publish=\(number)", "--format", "{{.Names}}"], timeout: .seconds(20)))
                let name = holder?.stdout.split(separator: "\n").first.map(String.init)
                return HeldPort(service: service.name, address: address, port: number, holder: name)
            }
        }
        return nil
    }

    /// Whether binding `address:port` fails because the address is in use.
    static func isHeld(address: String, port: Int) -> Bool {
        guard !address.contains(":") else { return false }  // IPv6: left to Docker to say.
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, address, &socketAddress.sin_addr) == 1 else { return false }
        let bound = withUnsafePointer(to: &socketAddress) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return bound != 0 && errno == EADDRINUSE
    }
}
