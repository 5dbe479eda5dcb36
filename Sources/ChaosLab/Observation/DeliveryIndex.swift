/// A firehose stream arranged for the ``DeliveryLedger``'s questions, in one pass: which
/// deliveries each channel received, which deliveries and dead-letterings each token had, and
/// where each delivery sits among them.
///
/// Channels and tokens are numbered the first time they are seen, so a delivery costs one
/// lookup of its channel and one of its token, and what depends on the channel alone (the
/// consumer's name and limits) is worked out once per channel rather than once per delivery.
struct DeliveryIndex {
    /// One delivery on a known channel.
    struct Delivery {
        /// Its place in the stream.
        var event: Int
        var channel: Int
        /// Its place among its channel's deliveries.
        var positionInChannel: Int
        /// Its token's number and its place among that token's deliveries; `nil` without a token.
        var token: (number: Int, position: Int)?
    }

    /// A consumer channel.
    struct Channel {
        var address: ChannelAddress
        /// The service behind it, or its client address.
        var consumer: String
        var facts: ConsumerFacts?
        /// Its deliveries' places in the stream, in order.
        var deliveries: [Int] = []
    }

    /// One of the lab's tokens.
    struct Token {
        /// The places in the stream of its deliveries on a known channel, in order.
        var deliveries: [Int] = []
        /// The places of the events that carried it with an `x-death` (of any kind), in order.
        var deaths: [Int] = []
    }

    /// Every delivery on a known channel, in stream order.
    private(set) var deliveries: [Delivery] = []
    private(set) var channels: [Channel] = []
    private(set) var tokens: [Token] = []

    init(events: [BrokerEvent], consumers: [ChannelAddress: ConsumerFacts], names: [String: String]) {
        var channelNumbers: [ChannelAddress: Int] = [:]
        var tokenNumbers: [String: Int] = [:]
        for (index, event) in events.enumerated() {
            var tokenNumber: Int?
            if let token = event.token, !event.deaths.isEmpty {
                let number = Self.number(of: token, in: &tokenNumbers, adding: &tokens)
                tokens[number].deaths.append(index)
                tokenNumber = number
            }
            guard event.kind == .delivered, let address = event.channel else { continue }
            let channel: Int
            if let known = channelNumbers[address] {
                channel = known
            } else {
                let host = address.connection.peerHost
                channel = channels.count
                channelNumbers[address] = channel
                // A connection's own name first: its address may have passed to another container.
                channels.append(Channel(address: address, consumer: names[address.connection.text] ?? names[host] ?? host, facts: consumers[address]))
            }
            var token: (number: Int, position: Int)?
            if let text = event.token {
                let number = tokenNumber ?? Self.number(of: text, in: &tokenNumbers, adding: &tokens)
                token = (number, tokens[number].deliveries.count)
                tokens[number].deliveries.append(index)
            }
            deliveries.append(Delivery(event: index, channel: channel, positionInChannel: channels[channel].deliveries.count, token: token))
            channels[channel].deliveries.append(index)
        }
    }

    /// The number of `token`, numbering it if it is new.
    private static func number(of token: String, in numbers: inout [String: Int], adding tokens: inout [Token]) -> Int {
        if let number = numbers[token] {
            return number
        }
        numbers[token] = tokens.count
        tokens.append(Token())
        return tokens.count - 1
    }
}
