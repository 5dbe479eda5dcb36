import Foundation

extension ComposeDriver {
    public func image(of service: String) async throws -> ServiceImage {
        guard let container = try await inspect(service: service, index: nil).first, let id = container.image else {
            throw StackError(project: projectName, code: .noInstance(target: ServiceTarget(service: service)))
        }
        let result = try await docker(["image", "inspect", "--format", "{{json .Config.Env}}", id])
        let environment: [String]
        do {
            environment = try JSONDecoder().decode([String]?.self, from: Data(result.outputBytes)) ?? []
        } catch {
            throw StackError(
                project: projectName,
                code: .unexpectedOutput(command: result.command.commandLine, problem: "not a JSON list of NAME=value (\(error))")
            )
        }
        return ServiceImage(service: service, name: container.config.image ?? id, id: id, environment: environment)
    }
}
