import Foundation

/// Work started on another thread at once, whose value is waited for when it is first needed.
final class Background<Value: Sendable>: @unchecked Sendable {
    // Written once by the work before `done` is signalled, and read only after waiting for it.
    private var result: Value?
    private let done = DispatchSemaphore(value: 0)

    /// Starts `work` on a thread of its own. Not on a global queue: work there that waits for
    /// other work there (a `Background` waiting for another) can leave the queue's threads all
    /// waiting while that other work has none to run on, until the system adds a thread, which on
    /// Linux takes up to a second.
    init(_ work: @escaping @Sendable () -> Value) {
        let thread = Thread {
            self.result = work()
            self.done.signal()
        }
        thread.start()
    }

    /// The work's value, waiting for it if it is not finished.
    var value: Value {
        // Each reader passes the signal on to the next, so the value can be read any number of times.
        done.wait()
        defer { done.signal() }
        return result!
    }
}
