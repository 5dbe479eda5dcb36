import Synchronization

/// A history's operations in time order, ties in recording order, where recording one costs
/// amortised constant time however late it arrives.
///
/// Operations that arrive in time order (most of them) are appended to the ordered part. One
/// that is earlier than the latest waits in a pending list; the first read after it sorts the
/// pending list and merges it in one pass, O(n + p log p) for p pending operations, instead of
/// shifting the whole list once per late operation (quadratic over a long soak). Reads are
/// logically pure, so the merge is done in place under a lock even when copies share storage;
/// writes copy the storage first when it is shared.
struct OperationLog: Sendable {
    private struct State {
        /// In time order, ties in recording order.
        var ordered: [HistoryOperation] = []
        /// Recorded out of order, in recording order; each is earlier than `ordered.last` was
        /// when it came, so it ties with no operation recorded after it into `ordered`.
        var pending: [HistoryOperation] = []

        mutating func settle() {
            guard !pending.isEmpty else { return }
            let late = pending.enumerated()
                .sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
                .map(\.element)
            pending.removeAll()
            var merged: [HistoryOperation] = []
            merged.reserveCapacity(ordered.count + late.count)
            var (i, j) = (0, 0)
            while i < ordered.count, j < late.count {
                // At equal times the ordered one was recorded first (see `pending`).
                if late[j].time < ordered[i].time {
                    merged.append(late[j])
                    j += 1
                } else {
                    merged.append(ordered[i])
                    i += 1
                }
            }
            merged += ordered[i...]
            merged += late[j...]
            ordered = merged
        }
    }

    private final class Storage: Sendable {
        let state: Mutex<State>

        init(_ state: State) {
            self.state = Mutex(state)
        }
    }

    private var storage = Storage(State())

    /// Every operation, in time order, ties in recording order.
    var operations: [HistoryOperation] {
        storage.state.withLock { state in
            state.settle()
            return state.ordered
        }
    }

    /// Adds `operation` after every operation at the same time or earlier.
    mutating func record(_ operation: HistoryOperation) {
        makeUnique()
        storage.state.withLock { state in
            if let last = state.ordered.last, last.time > operation.time {
                state.pending.append(operation)
            } else {
                state.ordered.append(operation)
            }
        }
    }

    /// Changes the operation at `index` of ``operations``.
    mutating func modify(_ index: Int, _ change: (inout HistoryOperation) -> Void) {
        makeUnique()
        storage.state.withLock { state in
            state.settle()
            change(&state.ordered[index])
        }
    }

    private mutating func makeUnique() {
        guard !isKnownUniquelyReferenced(&storage) else { return }
        let copy = storage.state.withLock { $0 }
        storage = Storage(copy)
    }
}
