internal import CRabbitMQ

/// rabbitmq-c status codes, in one place: each C constant's name, its text, and what it means
/// for the connection.
enum AMQPStatus {
    /// Every status of rabbitmq-c 0.11's `amqp_status_enum`, by its C name.
    static let names: [Int32: String] = [
        AMQP_STATUS_OK.rawValue: "AMQP_STATUS_OK",
        AMQP_STATUS_NO_MEMORY.rawValue: "AMQP_STATUS_NO_MEMORY",
        AMQP_STATUS_BAD_AMQP_DATA.rawValue: "AMQP_STATUS_BAD_AMQP_DATA",
        AMQP_STATUS_UNKNOWN_CLASS.rawValue: "AMQP_STATUS_UNKNOWN_CLASS",
        AMQP_STATUS_UNKNOWN_METHOD.rawValue: "AMQP_STATUS_UNKNOWN_METHOD",
        AMQP_STATUS_HOSTNAME_RESOLUTION_FAILED.rawValue: "AMQP_STATUS_HOSTNAME_RESOLUTION_FAILED",
        AMQP_STATUS_INCOMPATIBLE_AMQP_VERSION.rawValue: "AMQP_STATUS_INCOMPATIBLE_AMQP_VERSION",
        AMQP_STATUS_CONNECTION_CLOSED.rawValue: "AMQP_STATUS_CONNECTION_CLOSED",
        AMQP_STATUS_BAD_URL.rawValue: "AMQP_STATUS_BAD_URL",
        AMQP_STATUS_SOCKET_ERROR.rawValue: "AMQP_STATUS_SOCKET_ERROR",
        AMQP_STATUS_INVALID_PARAMETER.rawValue: "AMQP_STATUS_INVALID_PARAMETER",
        AMQP_STATUS_TABLE_TOO_BIG.rawValue: "AMQP_STATUS_TABLE_TOO_BIG",
        AMQP_STATUS_WRONG_METHOD.rawValue: "AMQP_STATUS_WRONG_METHOD",
        AMQP_STATUS_TIMEOUT.rawValue: "AMQP_STATUS_TIMEOUT",
        AMQP_STATUS_TIMER_FAILURE.rawValue: "AMQP_STATUS_TIMER_FAILURE",
        AMQP_STATUS_HEARTBEAT_TIMEOUT.rawValue: "AMQP_STATUS_HEARTBEAT_TIMEOUT",
        AMQP_STATUS_UNEXPECTED_STATE.rawValue: "AMQP_STATUS_UNEXPECTED_STATE",
        AMQP_STATUS_SOCKET_CLOSED.rawValue: "AMQP_STATUS_SOCKET_CLOSED",
        AMQP_STATUS_SOCKET_INUSE.rawValue: "AMQP_STATUS_SOCKET_INUSE",
        AMQP_STATUS_BROKER_UNSUPPORTED_SASL_METHOD.rawValue: "AMQP_STATUS_BROKER_UNSUPPORTED_SASL_METHOD",
        AMQP_STATUS_UNSUPPORTED.rawValue: "AMQP_STATUS_UNSUPPORTED",
        AMQP_STATUS_TCP_ERROR.rawValue: "AMQP_STATUS_TCP_ERROR",
        AMQP_STATUS_TCP_SOCKETLIB_INIT_ERROR.rawValue: "AMQP_STATUS_TCP_SOCKETLIB_INIT_ERROR",
        AMQP_STATUS_SSL_ERROR.rawValue: "AMQP_STATUS_SSL_ERROR",
        AMQP_STATUS_SSL_HOSTNAME_VERIFY_FAILED.rawValue: "AMQP_STATUS_SSL_HOSTNAME_VERIFY_FAILED",
        AMQP_STATUS_SSL_PEER_VERIFY_FAILED.rawValue: "AMQP_STATUS_SSL_PEER_VERIFY_FAILED",
        AMQP_STATUS_SSL_CONNECTION_FAILED.rawValue: "AMQP_STATUS_SSL_CONNECTION_FAILED",
        AMQP_STATUS_SSL_SET_ENGINE_FAILED.rawValue: "AMQP_STATUS_SSL_SET_ENGINE_FAILED",
    ]

    static let ok = AMQP_STATUS_OK.rawValue
    static let timeout = AMQP_STATUS_TIMEOUT.rawValue

    /// The C constant's name, or `AMQP_STATUS_<n>` for a value this version does not define.
    static func name(of status: Int32) -> String {
        names[status] ?? "AMQP_STATUS_\(status)"
    }

    /// rabbitmq-c's own description (`amqp_error_string2`).
    static func text(of status: Int32) -> String {
        String(cString: amqp_error_string2(status))
    }

    /// Statuses that mean the socket is gone or unusable: the connection is over.
    static func isTransportFailure(_ status: Int32) -> Bool {
        switch status {
        case AMQP_STATUS_CONNECTION_CLOSED.rawValue, AMQP_STATUS_SOCKET_ERROR.rawValue,
            AMQP_STATUS_SOCKET_CLOSED.rawValue, AMQP_STATUS_HEARTBEAT_TIMEOUT.rawValue,
            AMQP_STATUS_TCP_ERROR.rawValue, AMQP_STATUS_SSL_ERROR.rawValue, AMQP_STATUS_TIMER_FAILURE.rawValue:
            true
        default:
            false
        }
    }

    /// Statuses that, while reading, mean the byte stream cannot be parsed any further. (While
    /// writing, rabbitmq-c reports an encoding buffer overflow as `AMQP_STATUS_BAD_AMQP_DATA`
    /// before anything is sent, which leaves the connection intact.)
    static func isStreamCorruption(_ status: Int32) -> Bool {
        switch status {
        case AMQP_STATUS_BAD_AMQP_DATA.rawValue, AMQP_STATUS_UNKNOWN_CLASS.rawValue,
            AMQP_STATUS_UNKNOWN_METHOD.rawValue, AMQP_STATUS_UNEXPECTED_STATE.rawValue,
            AMQP_STATUS_NO_MEMORY.rawValue:
            true
        default:
            false
        }
    }

    /// Whether a failure of a call that was reading (or writing) ends the connection.
    static func endsConnection(_ status: Int32, whileReading: Bool) -> Bool {
        isTransportFailure(status) || (whileReading && isStreamCorruption(status))
    }
}
