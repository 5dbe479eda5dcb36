import Hummingbird

/// Why the API turns a request down: an HTTP status and a full-sentence reason, sent as
/// `{"error": reason}`.
struct RequestRejection: Error, Sendable, CustomStringConvertible {
    var status: HTTPResponse.Status
    var reason: String
    var headers: HTTPFields = [:]

    var description: String { reason }

    /// The JSON response for this rejection.
    var response: Response {
        JSONResponse.make(status, ["error": reason], headers: headers)
    }

    static let unauthorized = RequestRejection(
        status: .unauthorized,
        reason: "Missing or wrong credentials: use HTTP basic authentication.",
        headers: [.wwwAuthenticate: "Basic realm=\"chaoslab\""])

    static func badRequest(_ reason: String) -> RequestRejection {
        RequestRejection(status: .badRequest, reason: reason)
    }

    static func tooLarge(limit: Int) -> RequestRejection {
        RequestRejection(status: .contentTooLarge, reason: "The request body is larger than \(limit / 1024) KiB.")
    }

    /// The broker is unreachable or did not answer in time; worth retrying shortly.
    static func unavailable(_ reason: String) -> RequestRejection {
        RequestRejection(status: .serviceUnavailable, reason: reason, headers: [.retryAfter: "1"])
    }

    /// The broker answered, but refused the message.
    static func badGateway(_ reason: String) -> RequestRejection {
        RequestRejection(status: .badGateway, reason: reason)
    }
}
