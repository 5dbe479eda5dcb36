import Foundation

extension CheckContext {
    /// Reads the counting service's page: the count it shows for each key starting with
    /// `prefix`.
    /// - Throws: ``CheckSetupError`` when the page does not answer 200.
    public func readCounter(_ counter: CounterRole, prefix: String) async throws -> CounterReading {
        let page = try await readCounterPage(counter)
        return CounterReading.parse(page.body, prefix: prefix, status: page.status)
    }

    /// Reads the count the counting service's page shows for `key`, one of the stack's own
    /// keys (`app1`), up to `deadline` for the page to answer.
    public func readCount(of key: String, on counter: CounterRole, deadline: Duration = .seconds(30)) async throws -> Int {
        try await Wait.until("\(counter.url) to answer", deadline: deadline, every: .milliseconds(250)) {
            CounterReading.count(of: key, in: try await readCounterPage(counter).body)
        }
    }

    /// The counting service's page, when it answers 200.
    /// - Throws: ``CheckSetupError`` when it does not.
    func readCounterPage(_ counter: CounterRole) async throws -> HTTPExchange {
        let auth = counter.user.map { (user: $0, password: counter.password ?? "") }
        let exchange: HTTPExchange
        do {
            exchange = try await http.send("GET", counter.url, basicAuth: auth, timeout: .seconds(5))
        } catch {
            throw CheckSetupError(reason: "The counting service's page \(counter.url) did not answer: \(error).")
        }
        guard exchange.status == 200 else {
            let login = counter.user == nil ? " (the lab sent no credentials; declare counter.user and counter.password)" : ""
            throw CheckSetupError(reason: "The counting service's page \(counter.url) answered \(exchange.status)\(login).")
        }
        return exchange
    }

    /// Reads the page until it answers (a counter starting again takes a moment), up to
    /// `deadline`.
    /// - Throws: ``WaitTimeout`` with the last answer's problem when it never answers 200.
    public func readCounterWhenUp(_ counter: CounterRole, prefix: String, deadline: Duration = .seconds(30)) async throws -> CounterReading {
        try await Wait.until("\(counter.url) to answer", deadline: deadline, every: .milliseconds(250)) {
            try await readCounter(counter, prefix: prefix)
        }
    }
}
