/// One value of a roles table, in the shape its field takes.
enum RoleValue: Sendable, Hashable {
    /// A service name, URL, path, credential, queue name, template or pattern.
    case text(String)
    /// A port.
    case number(Int)
    /// Service names (the workers).
    case names([String])
    /// The proxy's routes.
    case routes([ProxyRoute])
    /// Declared as absent (`null` or empty): the stack has none, and nothing is guessed.
    case none

    var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    var number: Int? {
        if case .number(let number) = self { return number }
        return nil
    }

    var names: [String]? {
        if case .names(let names) = self { return names }
        return nil
    }

    var routes: [ProxyRoute]? {
        if case .routes(let routes) = self { return routes }
        return nil
    }
}
