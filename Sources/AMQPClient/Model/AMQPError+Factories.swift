// The sentences every part of the client uses, so that messages stay uniform.
extension AMQPError {
    static func timedOut(_ operation: String, after deadline: Duration, on endpoint: String) -> AMQPError {
        AMQPError(.timedOut, "\(operation) on \(endpoint) did not complete within \(deadline.secondsText).")
    }

    static func channelClosedByBroker(
        _ channel: UInt16, replyCode: UInt16, replyText: String, during operation: String?
    ) -> AMQPError {
        let context = operation.map { " during \($0)" } ?? ""
        return AMQPError(
            .channelClosed(channel: channel, replyCode: replyCode, replyText: replyText),
            "The broker closed channel \(channel)\(context) with \(replyCode): \(replyText.sentenceBody)."
        )
    }

    static func connectionClosedByBroker(replyCode: UInt16, replyText: String, endpoint: String) -> AMQPError {
        AMQPError(
            .connectionClosed(replyCode: replyCode, replyText: replyText),
            "The broker at \(endpoint) closed the connection with \(replyCode): \(replyText.sentenceBody)."
        )
    }

    static func loginRefused(replyCode: UInt16, replyText: String, endpoint: String, who: String) -> AMQPError {
        AMQPError(
            .loginRefused(replyCode: replyCode, replyText: replyText),
            "The broker at \(endpoint) refused the login of \(who): \(replyCode) \(replyText.sentenceBody)."
        )
    }

    static func transportLost(status: Int32, endpoint: String, during operation: String) -> AMQPError {
        let name = AMQPStatus.name(of: status)
        return AMQPError(
            .connectionClosed(replyCode: 0, replyText: name),
            "The connection to \(endpoint) was lost during \(operation): \(name) (\(AMQPStatus.text(of: status)))."
        )
    }

    static func library(_ status: Int32, during operation: String, on endpoint: String) -> AMQPError {
        let name = AMQPStatus.name(of: status)
        return AMQPError(
            .library(status: status, name: name),
            "\(operation) on \(endpoint) failed with \(name) (\(AMQPStatus.text(of: status)))."
        )
    }
}
