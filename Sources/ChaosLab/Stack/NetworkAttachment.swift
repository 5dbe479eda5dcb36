/// A container's place on one network: what `docker network connect` needs to put it back.
struct NetworkAttachment: Sendable, Hashable {
    var network: String
    var aliases: [String]
}
