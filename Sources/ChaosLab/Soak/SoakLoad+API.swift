import Foundation

// The API lanes: each sends one request at a time on its own keep-alive connection.
extension SoakLoad {
    nonisolated func runAPILane(_ poster: any SoakPoster) async {
        while let permit = await permit() {
            if permit.notBefore > .now {
                do {
                    try await Task.sleep(until: permit.notBefore, clock: .continuous)
                } catch {
                    await withdraw(1)
                    return
                }
            }
            let at = Date()
            let sent = ContinuousClock.now
            let answer = await poster.post(token: permit.token)
            let answered = ContinuousClock.now
            let attempt = PublishAttempt(token: permit.token, at: at, status: answer.status, detail: answer.detail, took: answered - sent)
            await record([attempt], answeredAt: answered)
            if attempt.outcome == .indeterminate, configuration.errorPause > .zero {
                // Cancelled meanwhile: the next permit says so.
                try? await Task.sleep(for: configuration.errorPause)
            }
        }
    }
}
