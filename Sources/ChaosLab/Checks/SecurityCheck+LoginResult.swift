import AMQPClient
import Foundation

extension SecurityCheck {
    /// The outcome of one login attempt, judged by what the server said, never by the text of
    /// an error.
    enum LoginResult: Sendable, Hashable {
        /// The server let the credentials in; the text says how it showed it.
        case accepted(String)
        /// The server judged the credentials and said no: the broker's 403 ACCESS_REFUSED, an
        /// HTTP 401 or 403.
        case refused(String)
        /// The credentials were never judged: no connection, no answer in time, an answer
        /// that says nothing about them. The text says why.
        case notTried(String)
    }

    /// One login tried, for the evidence: `user/password` and what came of it.
    struct LoginAttempt: Sendable, Hashable {
        var login: String
        var result: LoginResult

        var line: String {
            switch result {
            case .accepted(let how): "\(login): accepted (\(how))"
            case .refused(let how): "\(login): refused (\(how))"
            case .notTried(let why): "\(login): not tried: \(why)"
            }
        }
    }

    /// An AMQP connect that threw, by the error's code: the broker's 403 refuses the login; a
    /// 530 (no access to the virtual host) comes after the password was accepted; anything
    /// else (refused or unreachable port, timeout, name resolution, a dropped handshake)
    /// leaves the login untried.
    static func loginResult(ofConnectError error: any Error) -> LoginResult {
        guard let error = error as? AMQPError else { return .notTried(String(describing: error)) }
        switch error.code {
        case .loginRefused(replyCode: 403, let text):
            return .refused("403 \(text.prefix(60))")
        case .loginRefused(replyCode: 530, let text):
            return .accepted("the password was taken, then the virtual host refused: 530 \(text.prefix(60))")
        default:
            return .notTried(error.message)
        }
    }

    /// An HTTP login, by status: 401 and 403 refuse it; `accepts` says which other statuses
    /// show it was let in; the rest, and no answer, leave it untried.
    static func loginResult(of answer: Result<HTTPExchange, HTTPProbeError>, accepts: (Int) -> Bool) -> LoginResult {
        switch answer {
        case .failure(let error):
            return .notTried(error.description)
        case .success(let exchange) where exchange.status == 401 || exchange.status == 403:
            return .refused(String(exchange.status))
        case .success(let exchange) where accepts(exchange.status):
            return .accepted(String(exchange.status))
        case .success(let exchange):
            return .notTried("answered \(exchange.status), which says nothing about the credentials")
        }
    }

    /// A request's exchange, or why none came.
    static func answer(_ send: () async throws(HTTPProbeError) -> HTTPExchange) async -> Result<HTTPExchange, HTTPProbeError> {
        do {
            return .success(try await send())
        } catch {
            return .failure(error)
        }
    }
}
