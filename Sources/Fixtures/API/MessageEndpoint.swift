import Foundation
import Hummingbird
import Logging

/// `POST /api/message`: authenticate, validate, publish, and answer 200 only once the broker
/// has confirmed the message. Nothing is published for a request that gets a 4xx.
struct MessageEndpoint: Sendable {
    /// Largest accepted body: 64 KiB.
    static let bodyLimit = 64 * 1024

    let credentials: BasicCredentials
    let link: BrokerLink
    /// The `accept-empty-message` knob: publish a missing or empty message instead of a 400.
    let acceptsEmptyMessage: Bool
    /// The `non-json-body` knob: publish Python `str(dict)` text instead of JSON.
    let publishesPythonRepr: Bool
    /// The `answer-before-publish` knob: answer at once and publish later in the background.
    let answersBeforePublish: Bool
    let logger: Logger

    /// How long the `answer-before-publish` knob waits before it publishes: far beyond the
    /// lab's margin, and short enough that the message is queued before the lab reads it.
    static let publishDelay: Duration = .milliseconds(300)

    /// Answers the request and logs its outcome in one line.
    func respond(to request: Request) async -> Response {
        let start = ContinuousClock.now
        let response: Response
        let summary: String
        do {
            let id = try await accept(request)
            response = JSONResponse.make(.ok, ["status": "Message sent", "id": id])
            summary = "id=\(id)"
        } catch {
            response = error.response
            summary = error.reason.singleLine
        }
        let elapsed = (ContinuousClock.now - start).milliseconds
        logger.info("POST /api/message \(response.status.code) \(summary) ms=\(elapsed)")
        return response
    }

    /// Runs the checks in contract order (credentials, size, content) and publishes; returns
    /// the message id.
    private func accept(_ request: Request) async throws(RequestRejection) -> String {
        guard credentials.accepts(authorization: request.headers[.authorization]) else { throw .unauthorized }
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > Self.bodyLimit {
            throw .tooLarge(limit: Self.bodyLimit)
        }
        let body = try await readBody(of: request)
        let message = try MessageRequest(json: body, acceptsEmptyMessage: acceptsEmptyMessage)
        let id = message.id ?? UUID().uuidString.lowercased()
        let work = WorkMessage(
            id: id, message: message.message, workMilliseconds: message.workMilliseconds ?? 0,
            poison: message.poison ?? false, sentAt: Timestamp.now())
        let outgoing = publishesPythonRepr ? work.pythonReprBody : work.jsonBody
        // Only while connected: with the broker down the knob answers 503 like the reference,
        // so it breaks the order of answer and publish and nothing else.
        if answersBeforePublish, await link.isConnected {
            publishLater(outgoing, id: id)
            return id
        }
        switch await link.publish(outgoing, id: id) {
        case .confirmed:
            return id
        case .nacked:
            throw .badGateway("The broker refused the message (basic.nack).")
        case .returned(let replyCode, let replyText):
            throw .unavailable("The broker could not route the message to its queue (\(replyCode) \(replyText)).")
        case .unconfirmed(let reason), .unavailable(let reason):
            throw .unavailable(reason)
        }
    }

    /// Publishes after ``publishDelay`` without anyone waiting for the outcome, which is only
    /// logged.
    private func publishLater(_ body: [UInt8], id: String) {
        Task { [link, logger] in
            try? await Task.sleep(for: Self.publishDelay)
            let outcome = await link.publish(body, id: id)
            logger.info("answer-before-publish: published id=\(id) after the answer: \(outcome)")
        }
    }

    /// The whole body, up to the limit: chunked bodies have no Content-Length to check first.
    private func readBody(of request: Request) async throws(RequestRejection) -> [UInt8] {
        do {
            let buffer = try await request.body.collect(upTo: Self.bodyLimit)
            return Array(buffer.readableBytesView)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw .tooLarge(limit: Self.bodyLimit)
        } catch {
            throw .badRequest("The request body could not be read: \(error).")
        }
    }
}
