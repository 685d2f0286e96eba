import Dispatch

extension Array where Element: Sendable {
    /// Maps every element on all cores, keeping the order; for pure, independent work such as
    /// reading statements or rendering pages.
    func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) throws -> T) rethrows -> [T] {
        guard count > 1 else { return try map(transform) }
        let results = ResultSlots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            results[index] = Result { try transform(self[index]) }
        }
        return try results.values.map { try $0!.get() }
    }
}

/// One slot per index, each written by exactly one iteration of `concurrentPerform`: no two threads
/// ever touch the same slot, and the buffer never moves, so the unsynchronised writes are safe.
private final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Result<T, any Error>?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    subscript(index: Int) -> Result<T, any Error>? {
        get { slots[index] }
        set { slots[index] = newValue }
    }

    var values: [Result<T, any Error>?] { Array(slots) }
}
