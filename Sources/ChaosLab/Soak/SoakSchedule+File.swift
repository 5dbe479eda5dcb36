public import Foundation

extension SoakSchedule {
    /// The schedule as a file holds it: `{"seed": 42, "faults": [{"kind": "pause",
    /// "service": "worker1", "at": 12.5, "duration": 8}, …]}`, indented, keys sorted.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Writes the schedule to `path` (replacing the file at once, never half-written).
    /// - Throws: ``SoakScheduleError`` naming the file.
    public func save(to path: String) throws(SoakScheduleError) {
        do {
            try jsonData().write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw SoakScheduleError(file: path, problems: [.init(fault: nil, field: nil, message: "cannot be written: \(error.localizedDescription)")])
        }
    }

    /// Reads a schedule from `path` and checks it against the stack.
    /// - Parameters:
    ///   - path: the JSON file, as written by ``save(to:)``.
    ///   - services: every service of the stack.
    ///   - broker: the broker's service.
    ///   - duration: the soak's load in seconds, when known.
    /// - Returns: the schedule, its faults in the order they begin.
    /// - Throws: ``SoakScheduleError`` naming the file, and each fault (counted from 1 in the
    ///   file's order) and field that is wrong.
    public static func load(from path: String, services: [String], broker: String, duration: Double? = nil) throws(SoakScheduleError) -> SoakSchedule {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw SoakScheduleError(file: path, problems: [.init(fault: nil, field: nil, message: "cannot be read: \(error.localizedDescription)")])
        }
        return try decode(data, file: path, services: services, broker: broker, duration: duration)
    }

    /// Reads a schedule from JSON and checks it against the stack, as ``load(from:services:broker:duration:)``.
    public static func decode(_ data: Data, file: String?, services: [String], broker: String, duration: Double? = nil) throws(SoakScheduleError) -> SoakSchedule {
        let written: Written
        do {
            written = try JSONDecoder().decode(Written.self, from: data)
        } catch let error as DecodingError {
            throw SoakScheduleError(file: file, problems: [problem(error)])
        } catch {
            throw SoakScheduleError(file: file, problems: [.init(fault: nil, field: nil, message: "cannot be read: \(error)")])
        }
        let problems = problems(in: written.faults, services: services, broker: broker, duration: duration)
        guard problems.isEmpty else { throw SoakScheduleError(file: file, problems: problems) }
        return SoakSchedule(seed: written.seed, faults: written.faults)
    }

    /// The file's contents in the file's order, so problems name faults as a reader counts them.
    private struct Written: Decodable {
        var seed: UInt64?
        var faults: [SoakFault]
    }

    /// A decoding error as a problem naming the fault and field it is about.
    private static func problem(_ error: DecodingError) -> SoakScheduleError.Problem {
        let (context, what): (DecodingError.Context, String) = switch error {
        case .keyNotFound(let key, let context): (context, "\(key.stringValue) is missing.")
        case .valueNotFound(_, let context): (context, "is null.")
        case .typeMismatch(let type, let context): (context, "is not \(describe(type)).")
        case .dataCorrupted(let context): (context, "")
        @unknown default: (DecodingError.Context(codingPath: [], debugDescription: "\(error)"), "")
        }
        let path = context.codingPath
        let fault = path.count >= 2 && path[0].stringValue == "faults" ? path[1].intValue.map { $0 + 1 } : nil
        let field = path.count >= 3 ? path[2].stringValue : (path.count == 1 ? path[0].stringValue : nil)
        let message: String
        if case .keyNotFound = error {
            message = what
        } else if field == "kind", case .dataCorrupted = error {
            message = "kind is not one of \(SoakFault.Kind.allCases.map(\.rawValue).joined(separator: ", "))."
        } else if path.isEmpty, case .dataCorrupted = error {
            let underlying = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
            message = "is not a JSON schedule: \(underlying ?? context.debugDescription)"
        } else if let field {
            message = what.isEmpty ? "\(field) is invalid: \(context.debugDescription)" : "\(field) \(what)"
        } else {
            message = what.isEmpty ? "is invalid: \(context.debugDescription)" : "the value \(what)"
        }
        let keyField: String? = if case .keyNotFound(let key, _) = error { key.stringValue } else { field }
        return SoakScheduleError.Problem(fault: fault, field: keyField, message: message)
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type, is Int.Type, is UInt64.Type: "a number"
        case is String.Type: "a string"
        case is Array<SoakFault>.Type: "a list of faults"
        default: "what a schedule holds there (\(type))"
        }
    }
}
