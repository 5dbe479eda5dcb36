/// Where a worker shows which messages it received and finished.
public struct WorkerEvidence: Sendable, Codable, Hashable {
    /// A regular expression over one stdout line meaning "started on a message". It must have
    /// a named group `token` capturing the lab's token, and may have `redelivered`
    /// (`true`/`false`/`True`/`False`).
    public var receivedPattern: String?
    /// A regular expression meaning "finished (acked) a message". With a `token` group a line
    /// closes that message's delivery; without one (the tutorial's ` [x] Done`) it closes the
    /// oldest delivery of the same worker not yet closed, as a pika callback handles one
    /// message at a time, in order.
    public var donePattern: String?
    /// A regular expression meaning "rejected a message", with a `token` group or, like
    /// ``donePattern``, without.
    public var rejectedPattern: String?
    /// A JSON-lines file of ``WorkerRecord``s inside the worker containers (on a volume).
    public var recordFile: String?
    /// A file inside each worker's container where processing a message leaves a line naming
    /// it (seed 000's `data/messages.log`): the work's effect, read after a kill to see that
    /// what a worker acknowledged is there.
    public var effectFile: String?

    public init(receivedPattern: String? = nil, donePattern: String? = nil, rejectedPattern: String? = nil, recordFile: String? = nil, effectFile: String? = nil) {
        self.receivedPattern = receivedPattern
        self.donePattern = donePattern
        self.rejectedPattern = rejectedPattern
        self.recordFile = recordFile
        self.effectFile = effectFile
    }
}
