import Logging
import NIOCore
import NIOPosix

/// Makes the ports a stack on Swarm publishes reachable where the compose file says, on
/// `127.0.0.1`: each listener hands every connection to the node that runs the service's task
/// now, found when the connection comes in, so a task rescheduled onto another node is
/// followed. On a node, a published port listens on that node's address on the lab's bridge.
final class SwarmPortGateway: Sendable {
    /// One forwarded port: `127.0.0.1:listenPort` to the node running `service`, port `nodePort`.
    struct Route: Sendable, Hashable {
        var service: String
        var listenPort: Int
        var nodePort: Int
    }

    /// Answers the address of the node that runs `service`'s task now, or `nil`.
    typealias Locator = @Sendable (_ service: String) async -> String?

    private let channels: [any Channel]
    let routes: [Route]

    private init(channels: [any Channel], routes: [Route]) {
        self.channels = channels
        self.routes = routes
    }

    /// Listens on every route's port.
    /// - Throws: ``StackError`` naming the port that could not be bound (in use, say); the
    ///   listeners opened before it are closed first.
    static func open(_ routes: [Route], project: String, logger: Logger, locate: @escaping Locator) async throws -> SwarmPortGateway {
        var channels: [any Channel] = []
        for route in routes {
            let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.autoRead, value: false)
                .childChannelInitializer { inbound in
                    inbound.eventLoop.makeCompletedFuture {
                        // The connection to the node is made once the client is in; reading
                        // waits for it, so nothing the client sends first is lost.
                        Task { await relay(inbound, route: route, logger: logger, locate: locate) }
                    }
                }
            do {
                channels.append(try await bootstrap.bind(host: "127.0.0.1", port: route.listenPort).get())
            } catch {
                for channel in channels { try? await channel.close() }
                throw StackError(project: project, code: .invalidConfiguration(problem: "Cannot listen on 127.0.0.1:\(route.listenPort) for service `\(route.service)` on Swarm: \(error)"))
            }
        }
        return SwarmPortGateway(channels: channels, routes: routes)
    }

    /// Stops listening; connections already relayed end with their peers.
    func close() async {
        for channel in channels { try? await channel.close() }
    }

    private static func relay(_ inbound: any Channel, route: Route, logger: Logger, locate: Locator) async {
        guard let address = await locate(route.service) else {
            logger.debug("no running task to relay to", metadata: ["service": "\(route.service)"])
            try? await inbound.close()
            return
        }
        do {
            let outbound = try await ClientBootstrap(group: inbound.eventLoop)
                .connectTimeout(.seconds(5))
                .connect(host: address, port: route.nodePort).get()
            try await outbound.pipeline.addHandler(RelayHandler(peer: inbound)).get()
            try await inbound.pipeline.addHandler(RelayHandler(peer: outbound)).get()
            try await inbound.setOption(.autoRead, value: true).get()
        } catch {
            logger.debug("relay failed", metadata: ["service": "\(route.service)", "node": "\(address)", "error": "\(error)"])
            try? await inbound.close()
        }
    }
}

/// Writes what one side reads to the other, and closes the other when this side ends.
private final class RelayHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    private let peer: any Channel

    init(peer: any Channel) {
        self.peer = peer
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        peer.writeAndFlush(unwrapInboundIn(data), promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        peer.close(promise: nil)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
