import ArgumentParser
import Logging

/// `chaoslab-fixture worker`: consumes the work queue and records what it processed.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Consume $WORK_QUEUE and append one JSON line per message to $DATA_DIR/messages.log."
    )

    func run() async throws {
        let configuration = try ServiceStartup.loadConfiguration()
        ServiceStartup.bootstrapLogging()
        let logger = Logger(label: configuration.workerID)
        let messageLog: MessageLog
        do {
            messageLog = try MessageLog(directory: configuration.dataDirectory)
        } catch {
            StandardOutput.writeErrorLine("chaoslab-fixture: \(error)")
            throw ExitCode(73)
        }
        logger.info("starting, broker \(configuration.amqp.endpoint), log \(messageLog.path), knobs: \(configuration.knobsText)")
        let worker = WorkerService(configuration: configuration, messageLog: messageLog, logger: logger)
        try await ServiceStartup.run([worker], logger: logger)
    }
}
