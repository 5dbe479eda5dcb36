@testable import ChaosLab
import Foundation
import Testing

/// Statuses and bodies that are not the answer asked for, recorded and made up.
@Suite("Management API: errors")
struct ManagementErrorTests {
    typealias F = ManagementFixture

    static func error(_ answer: ManagementAnswer) -> ManagementAPIError? {
        do {
            _ = try answer.list(ManagementRows.queue)
            return nil
        } catch {
            return error
        }
    }

    @Test("a wrong password is unauthorized; the description names URL and user, not the password")
    func loginFailed() throws {
        let error = try #require(Self.error(try F.answer("error-401-login-failed", path: "/api/overview")))
        #expect(error.code == .unauthorized)
        #expect(error.requiredTag == nil)
        #expect(error.description == "The RabbitMQ management API refused GET http://broker:15672/api/overview: it does not accept user `u` with the password given (401).")
    }

    @Test("RabbitMQ's 401 for a missing tag is a refusal that names the tag", arguments: [
        ("error-401-not-management-user", "management"),
        ("error-401-not-monitor-user", "monitoring"),
    ])
    func missingTag(file: String, tag: String) throws {
        let error = try #require(Self.error(try F.answer(file)))
        guard case .forbidden = error.code else {
            Issue.record("expected forbidden, got \(error.code)")
            return
        }
        #expect(error.requiredTag == tag)
        #expect(error.description.contains("needs the `\(tag)` tag (rabbitmqctl set_user_tags u \(tag))"))
    }

    @Test("no permission on the virtual host is a refusal that asks for permissions")
    func virtualHost() throws {
        let error = try #require(Self.error(try F.answer("error-401-vhost-access", path: "/api/queues/%2F")))
        #expect(error.code == .forbidden(reason: "User not authorised to access virtual host"))
        #expect(error.requiredTag == nil)
        #expect(error.description.contains("set_permissions"))
    }

    @Test("a 403 is a refusal, whatever its body")
    func forbidden() throws {
        let tagged = try #require(Self.error(F.made(status: 403, body: #"{"error":"not_authorised","reason":"Not monitor user"}"#)))
        #expect(tagged.code == .forbidden(reason: "Not monitor user"))
        #expect(tagged.requiredTag == "monitoring")
        let bare = try #require(Self.error(F.made(status: 403, body: "")))
        #expect(bare.code == .forbidden(reason: "status 403"))
        #expect(bare.description.hasPrefix("The RabbitMQ management API refused GET http://broker:15672/api/queues/%2F for user `watcher`"))
    }

    @Test("a 401 without a body is a login the broker did not take")
    func bare401() {
        #expect(Self.error(F.made(status: 401, body: ""))?.code == .unauthorized)
    }

    @Test("404 names the path")
    func notFound() throws {
        let error = try #require(Self.error(try F.answer("error-404-queue", path: "/api/queues/%2F/no-such-queue")))
        #expect(error.code == .notFound(path: "/api/queues/%2F/no-such-queue"))
        #expect(error.description.contains("nothing at /api/queues/%2F/no-such-queue"))
    }

    @Test("other statuses, garbage and the wrong shape", arguments: [
        (500, "Internal Server Error", ManagementAPIError.Code.unexpectedStatus(500)),
        (200, "<html>proxy login</html>", .unreadable(detail: "the body is not JSON: `<html>proxy login</html>`")),
        (200, #"{"error":"nope"}"#, .unreadable(detail: #"expected a JSON list, got `{"error":"nope"}`"#)),
        (200, "", .unreadable(detail: "the body is not JSON: an empty body")),
    ])
    func unexpected(status: Int, body: String, code: ManagementAPIError.Code) {
        #expect(Self.error(F.made(status: status, body: body))?.code == code)
    }

    @Test("an object answer that is a list is unreadable")
    func objectExpected() {
        #expect(throws: ManagementAPIError.self) { try F.made(status: 200, body: "[]").object(ManagementRows.overview) }
    }

    @Test("a body cut at the probe's limit says so")
    func truncated() {
        var answer = F.made(status: 200, body: #"[{"name":"a"#)
        answer.truncated = true
        guard case .unreadable(let detail) = Self.error(answer)?.code else {
            Issue.record("expected unreadable")
            return
        }
        #expect(detail.contains("the probe cut it at 11 bytes"))
    }

    @Test("credentials in a URL never reach a description")
    func credentials() {
        let error = ManagementAPIError(method: "GET", url: "http://lab:s3cret@broker:15672/api/overview", user: "lab", code: .unauthorized)
        #expect(error.url == "http://broker:15672/api/overview")
        #expect(!error.description.contains("s3cret"))
        #expect(ManagementAPIError.withoutCredentials("http://broker:15672/api/x@y") == "http://broker:15672/api/x@y")
    }

    @Test("no answer at all is unreachable, through the real HTTP probe")
    func unreachable() async throws {
        let error = try await HTTPProbe.withProbe { probe -> ManagementAPIError? in
            let api = ManagementAPI(baseURL: "http://127.0.0.1:9/", user: "lab", password: "s3cret", http: probe, timeout: .seconds(1))
            do {
                _ = try await api.overview()
                return nil
            } catch let error as ManagementAPIError {
                return error
            }
        }
        let found = try #require(error)
        guard case .unreachable = found.code else {
            Issue.record("expected unreachable, got \(found.code)")
            return
        }
        #expect(found.url == "http://127.0.0.1:9/api/overview")
        #expect(found.description.hasPrefix("The RabbitMQ management API at GET http://127.0.0.1:9/api/overview did not answer: "))
        #expect(!found.description.contains("s3cret"))
    }
}
