/// How the API asks a worker for work time.
extension RoleInference {
    /// The body the RabbitMQ tutorial's API takes, with the work time written as dots.
    static let dotsBodyTemplate = #"{"message": "{{token}}{{work_dots}}"}"#

    /// A body that asks for work time with dots, when nobody declared one and a worker's code
    /// counts the dots of its message (the tutorial's `time.sleep(body.count(b'.'))`).
    func inferBodyTemplate(_ table: inout RoleTable) {
        guard table.has(.apiService), !table.isAbsent(.apiService) else { return }
        guard let clue = workers(table).lazy.compactMap({ scans[$0.name]?.countsDots }).first else { return }
        table.fill(.apiBodyTemplate, text: Self.dotsBodyTemplate, .guessed("\(clue.value) in \(clue.place), a worker that works one second per dot"))
    }
}
