/// The labels Docker Swarm puts on a stack's task containers, by which the lab finds them.
enum SwarmLabel {
    /// The stack (`docker stack deploy … NAME`).
    static let stack = "com.docker.stack.namespace"
    /// The service, prefixed with the stack's name (`chaoslab_worker1`).
    static let service = "com.docker.swarm.service.name"
    /// The task, `SERVICE.SLOT.TASKID` for a replicated service.
    static let taskName = "com.docker.swarm.task.name"
    /// The node the task runs on.
    static let node = "com.docker.swarm.node.id"
}
