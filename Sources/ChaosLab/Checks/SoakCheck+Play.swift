import Foundation

extension SoakCheck {
    /// The load and the nemesis as they ran.
    struct Played: Sendable {
        var load: SoakLoadResult
        var windows: [FaultWindow]
        /// Containers the nemesis could not restore.
        var leftBroken: [String]
    }

    /// Runs the load and plays `schedule` beside it from the same origin, a progress line a
    /// second; then stops the nemesis and heals every fault, also when cancelled (and then
    /// throws `CancellationError`).
    func play(_ schedule: SoakSchedule, load: SoakLoad, context: CheckContext) async throws -> Played {
        let nemesis = Nemesis(injector: context.faults, broker: context.roles.broker, logger: context.logger)
        let origin = ContinuousClock.now
        let faults = Task { await nemesis.run(schedule, from: origin) }
        let progress = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                guard !Task.isCancelled else { break }
                await context.observer.learnAsItHappens()
                let snapshot = await load.snapshot()
                let inForce = await nemesis.windows.enumerated()
                    .filter { $0.element.began != nil && $0.element.healed == nil }
                    .map { "F\($0.offset + 1) \($0.element.fault)" }
                context.logger.info("soak: \(snapshot); faults in force: \(inForce.isEmpty ? "none" : inForce.joined(separator: ", "))")
            }
        }
        let result: Result<SoakLoadResult, any Error> = await withTaskCancellationHandler {
            do {
                return .success(try await load.run())
            } catch {
                return .failure(error)
            }
        } onCancel: {
            faults.cancel()
        }
        progress.cancel()
        // A schedule ends before the load does; one from a file may not, and the rest of it
        // is not played.
        faults.cancel()
        _ = await faults.value
        let leftBroken = await nemesis.healAll()
        for sentence in leftBroken {
            context.logger.error("soak: \(sentence)")
        }
        try Task.checkCancellation()
        return Played(load: try result.get(), windows: await nemesis.windows, leftBroken: leftBroken)
    }
}
