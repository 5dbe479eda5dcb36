/// How the API sends a message the workers turn away.
extension RoleInference {
    /// A poison body, when nobody declared one and a worker's code tests messages for a word
    /// before rejecting them (`if b'fail' in body:` … `basic_reject`): the API's body with the
    /// word after the token and no work time. Runs after the body template is known.
    func inferPoisonBody(_ table: inout RoleTable) {
        guard table.has(.apiService), !table.isAbsent(.apiService), let body = table.text(.apiBodyTemplate) else { return }
        guard let worker = workers(table).first(where: { scans[$0.name]?.poisonWord != nil }),
              let scan = scans[worker.name], let word = scan.poisonWord else { return }
        let what = scan.rejectsPoison ? "a message the worker rejects" : "a message the worker does not process"
        table.fill(.apiPoisonBodyTemplate, text: Self.poisonTemplate(body, word: word.value), .guessed("'\(word.value)' in \(word.place), \(what)"))
    }

    /// `body` asking for no work, with `word` after the token: `{"message": "{{token}} fail"}`.
    static func poisonTemplate(_ body: String, word: String) -> String {
        body.replacing("{{work_dots}}", with: "")
            .replacing("{{work_ms}}", with: "0")
            .replacing("{{token}}", with: "{{token}} \(word)")
    }
}
