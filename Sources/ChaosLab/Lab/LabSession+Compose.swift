public import Logging

extension LabSession {
    /// Creates a session on a compose file's stack: the logs collected are those of the
    /// services the file declares, and a stack the session cannot remove is removed as the
    /// driver says (``ComposeStackDriver/removal``).
    public init(stack: any ComposeStackDriver, roles: StackRoles, logger: Logger) {
        self.init(
            stack: stack, roles: roles, logger: logger,
            serviceNames: { (try? await stack.loadComposeFile().serviceNames) ?? [] },
            removal: stack.removal
        )
    }
}
