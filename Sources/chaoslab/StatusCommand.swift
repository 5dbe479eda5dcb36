import ArgumentParser
import ChaosLab
import Foundation

/// `chaoslab status`: one line per service instance.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each service's state, health, container and published ports."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Print the instances as JSON.")
    var json = false

    func run() async throws {
        let driver = try global.driver()
        let instances = try await driver.instances(of: nil)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(instances), as: UTF8.self))
            return
        }
        // Services the file declares but that have no container show as absent; a missing or
        // broken file only loses those rows.
        let file = try? ComposeFile.load(path: driver.configuration.composeFile, environment: nil)
        print(StatusTable(serviceNames: file?.serviceNames ?? [], instances: instances).rendered)
    }
}
