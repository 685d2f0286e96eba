import Dispatch

/// Work started on another thread at once, whose value is waited for when it is first needed.
final class Background<Value: Sendable>: @unchecked Sendable {
    // Written once by the work before `done` is signalled, and read only after waiting for it.
    private var result: Value?
    private let done = DispatchSemaphore(value: 0)

    /// Starts `work` on a global queue.
    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            self.result = work()
            self.done.signal()
        }
    }

    /// The work's value, waiting for it if it is not finished.
    var value: Value {
        // Each reader passes the signal on to the next, so the value can be read any number of times.
        done.wait()
        defer { done.signal() }
        return result!
    }
}
