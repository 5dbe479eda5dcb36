import ArgumentParser
import Logging

/// `chaoslab-fixture api`: the HTTP API that publishes messages to the work queue.
struct APICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api",
        abstract: "Serve POST /api/message and GET /api/health on 0.0.0.0:$API_PORT."
    )

    func run() async throws {
        let configuration = try ServiceStartup.loadConfiguration()
        ServiceStartup.bootstrapLogging()
        let logger = Logger(label: "api")
        let link = BrokerLink(
            configuration: configuration.amqp, workQueue: configuration.workQueue,
            deliveryMode: configuration.has(.transientMessages) ? .transient : .persistent, logger: logger)
        let application = APIServer.application(configuration: configuration, link: link, logger: logger)
        logger.info("starting on port \(configuration.apiPort), broker \(configuration.amqp.endpoint), knobs: \(configuration.knobsText)")
        // The link comes first so that it stops last, after the server has answered its requests.
        try await ServiceStartup.run([link, application], logger: logger)
    }
}
