import Hummingbird
import Logging

/// The API's HTTP application: its routes and where it listens.
enum APIServer {
    /// The Hummingbird application for `configuration`, publishing through `link`.
    static func application(
        configuration: FixtureConfiguration, link: BrokerLink, logger: Logger
    ) -> some ApplicationProtocol {
        let messages = MessageEndpoint(
            credentials: BasicCredentials(user: configuration.apiUser, password: configuration.apiPassword),
            link: link, acceptsEmptyMessage: configuration.has(.acceptEmptyMessage),
            publishesPythonRepr: configuration.has(.nonJSONBody),
            answersBeforePublish: configuration.has(.answerBeforePublish), logger: logger)
        let health = HealthEndpoint(link: link)
        let router = Router()
        router.post("/api/message") { request, _ in await messages.respond(to: request) }
        router.get("/api/health") { _, _ in await health.respond() }
        return Application(
            router: router,
            configuration: .init(address: .hostname("0.0.0.0", port: configuration.apiPort), serverName: "chaoslab-fixture"),
            logger: logger)
    }
}
