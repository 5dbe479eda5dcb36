/// A driver that deploys a compose file: ``ComposeDriver`` on one host, ``SwarmDriver`` on a
/// Swarm. What a command needs beyond ``StackDriver`` to run a stack from its file.
public protocol ComposeStackDriver: StackDriver {
    /// Project name, compose file, deadlines.
    var configuration: ComposeConfiguration { get }
    /// The compose file as the driver deploys it: interpolated with this process's environment
    /// and the driver's additions (the knobs of the latest `up`).
    func loadComposeFile() async throws -> ComposeFile
    /// How a person removes the stack by hand, in backquotes, for when the lab cannot.
    var removal: String { get }
}
