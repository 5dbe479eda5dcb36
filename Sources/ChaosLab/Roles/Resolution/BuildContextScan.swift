/// What the build context of a service shows about it, read without building or running
/// anything: the command its Dockerfile runs, and clues in its source code.
struct BuildContextScan: Sendable, Hashable {
    /// The Dockerfile's `ENTRYPOINT` and `CMD` words, in that order; empty when there is none.
    var dockerfileCommand: [String] = []
    /// The Dockerfile, relative to the compose file's folder, when it was read.
    var dockerfile: String?
    /// The Dockerfile's last `WORKDIR`: where relative paths in the code point.
    var workdir: String?
    /// The first file the code opens to append to (`open("data/messages.log", "a")`), as
    /// written.
    var appendsTo: SourceClue?
    /// Routes that take POST requests.
    var postRoutes: [SourceClue] = []
    /// Routes whose path mentions health.
    var healthRoutes: [SourceClue] = []
    /// Queue names the code declares, consumes or keeps in a constant.
    var queues: [SourceClue] = []
    /// Dead-letter queue names (by their name, or as an `x-dead-letter-routing-key`).
    var deadLetterQueues: [SourceClue] = []
    /// The first call that consumes a queue.
    var consumes: SourceClue?
    /// The first call that publishes.
    var publishes: SourceClue?
    /// The first line that counts the dots of a message (`body.count(b'.')`): the RabbitMQ
    /// tutorial's worker, which works one second per dot.
    var countsDots: SourceClue?
    /// The word a worker tests a message for before turning it away (`if b'fail' in body:`
    /// with `basic_reject` in its block), or that names poison where the worker only skips it.
    var poisonWord: SourceClue?
    /// Whether the block of ``poisonWord``'s condition rejects or nacks the message.
    var rejectsPoison = false
    /// The fixed start of each line printed just before an acknowledgement (` [x] Done`).
    var donePrints: [SourceClue] = []
    /// The fixed start of each line printed just before a reject or nack (` [x] Rejected`).
    var rejectPrints: [SourceClue] = []
    /// The first line that counts per key (`conteo[cliente] += 1`).
    var countsPerKey: SourceClue?
    /// Routes that answer GET (any route not limited to POST).
    var getRoutes: [SourceClue] = []
    /// Fields the code reads from a message: `datos["cliente"]`, `.get("cliente")`,
    /// `split("'service_id': '")`.
    var readFields: [String] = []
    /// How the code publishes an event, when it calls `basic_publish` with a dict body.
    var eventPublish: EventPublishClue?
}
