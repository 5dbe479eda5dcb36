import Logging

/// Prints each event as one line `[label] message key=value ...`, unbuffered.
///
/// The label is the service's name (`api`, `worker1`), which gives the worker event lines the
/// exact form the team's log probes read: `[worker1] received id=... redelivered=false message=...`.
/// Levels below warning carry no marker, so those lines stay exactly as logged; warnings and
/// errors are marked (`[api] warning: ...`).
struct LineLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    init(label: String) {
        self.label = label
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var line = "[\(label)] "
        if event.level >= .warning { line += "\(event.level): " }
        line += event.message.description
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            line += " \(key)=\(value)"
        }
        StandardOutput.writeLine(line)
    }
}
