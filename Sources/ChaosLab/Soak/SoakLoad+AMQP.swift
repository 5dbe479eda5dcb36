import AMQPClient
import Foundation

// The AMQP lanes: each keeps one connection with a window of publishes awaiting their confirm,
// and opens a new one when it loses it.
extension SoakLoad {
    /// The most messages one lane writes in one go, so that a large window fills in steps.
    static let batchLimit = 256
    /// Waits between attempts to connect, doubling up to the longest.
    static let reconnectPauses: (first: Duration, longest: Duration) = (.milliseconds(100), .seconds(2))

    nonisolated func runAMQPLane(
        _ lane: Int, open: @Sendable (String) async throws -> any SoakPublisher,
        message: @Sendable (String) -> AMQPOutgoingMessage
    ) async {
        var pause = Self.reconnectPauses.first
        while await mayIssue() {
            let publisher: any SoakPublisher
            do {
                publisher = try await open("chaoslab soak \(configuration.runID) \(lane + 1)")
            } catch {
                try? await Task.sleep(for: pause)
                pause = min(pause * 2, Self.reconnectPauses.longest)
                continue
            }
            pause = Self.reconnectPauses.first
            await pump(publisher, message: message)
            await publisher.close()
        }
    }

    /// Publishes on one connection until the load is over and every confirm came (or was given
    /// up on), or until the connection fails.
    private nonisolated func pump(_ publisher: any SoakPublisher, message: (String) -> AMQPOutgoingMessage) async {
        var window = PublishWindow()
        let limit = max(1, configuration.window)
        let confirmTimeout = configuration.confirmTimeout
        while true {
            let room = limit - window.count
            let grant = room > 0 ? await permits(upTo: min(room, Self.batchLimit)) : Grant(tokens: [], isOver: false, nextToken: nil)
            if !grant.tokens.isEmpty {
                let messages = grant.tokens.map(message)
                let at = Date()
                let sent = ContinuousClock.now
                do {
                    let sequences = try await publisher.publish(messages)
                    window.add(sequences: sequences, tokens: grant.tokens, at: at, sent: sent)
                } catch {
                    // None, some or all of the batch reached the broker, and nothing will say which.
                    let now = ContinuousClock.now
                    let lost = grant.tokens.map { PublishAttempt(token: $0, at: at, confirm: nil, detail: "\(error)", took: now - sent) }
                    await record(lost + window.drain(answeredAt: now, detail: "\(error)"), answeredAt: now)
                    return
                }
            }
            if window.isEmpty {
                if grant.isOver { return }
                // Paced, and nothing to wait for: sleep until the next token.
                if grant.tokens.isEmpty, let next = grant.nextToken, next > .now {
                    try? await Task.sleep(until: next, clock: .continuous)
                }
                continue
            }
            let confirmed: [ConfirmedPublish]
            do {
                confirmed = try await publisher.confirmed(timeout: Self.confirmWait(window: window, room: limit - window.count, grant: grant, timeout: confirmTimeout))
            } catch {
                let now = ContinuousClock.now
                let detail = error is CancellationError ? "The load was cancelled before the broker answered." : "\(error)"
                await record(window.drain(answeredAt: now, detail: detail), answeredAt: now)
                return
            }
            let now = ContinuousClock.now
            var ended = window.settle(confirmed, answeredAt: now)
            ended += window.expire(sentBefore: now - confirmTimeout, answeredAt: now,
                                   detail: "No confirm came within \(confirmTimeout.secondsText).")
            if !ended.isEmpty { await record(ended, answeredAt: now) }
        }
    }

    /// How long to wait for confirms: no longer than until the oldest publish times out, and
    /// not at all while the window has room and tokens are there (or until the next one, when
    /// paced).
    static func confirmWait(window: PublishWindow, room: Int, grant: Grant, timeout: Duration) -> Duration {
        let now = ContinuousClock.now
        var until = (window.oldestSent ?? now) + timeout
        if room > 0, !grant.isOver {
            until = min(until, grant.nextToken ?? now)
        }
        return max(.zero, until - now)
    }
}
