import Foundation

extension Sequence<ContainerLogFollower> {
    /// The followers of `target`'s containers (those of containers it replaced included), by
    /// instance and then container.
    func following(_ target: ServiceTarget) -> [ContainerLogFollower] {
        filter { $0.service == target.service && (target.index == nil || $0.index == target.index) }
            .sorted { ($0.index, $0.containerID) < ($1.index, $1.containerID) }
    }

    /// What these containers wrote, from `since` on when given, oldest first.
    func lines(since: Date?) async throws -> [LogLine] {
        var lines: [LogLine] = []
        for follower in self {
            lines += try await follower.lines(since: since)
        }
        return ComposeDriver.timeOrdered(lines)
    }

    /// How many of their oldest lines the followers dropped, together.
    var droppedLines: Int {
        get async {
            var dropped = 0
            for follower in self {
                dropped += await follower.droppedLines
            }
            return dropped
        }
    }

    /// Stops every follower; returns once none runs `docker logs` any more.
    func stopAll() async {
        for follower in self {
            await follower.stop()
        }
    }
}
