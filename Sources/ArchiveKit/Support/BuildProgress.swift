import Foundation

/// Counts what a long build has done (files read, pages rendered, files written) and shows it on
/// one line that a terminal redraws, for `archive build` when standard error is a terminal.
///
/// Counting is safe from any thread; the line is drawn at most ten times a second by whoever counts
/// when it is due, so a build that shows no progress pays only for the counting.
public final class BuildProgress: @unchecked Sendable {
    /// The steps shown, in the order a build takes them.
    public enum Step: Int, Sendable, CaseIterable {
        case read, render, write

        var label: String {
            switch self {
            case .read: return "read"
            case .render: return "rendered"
            case .write: return "written"
            }
        }
    }

    private let lock = NSLock()
    private var done = [Int](repeating: 0, count: Step.allCases.count)
    private var totals = [Int](repeating: 0, count: Step.allCases.count)
    private var current: Step?
    private let start = ContinuousClock.now
    private var lastDrawn = ContinuousClock.now
    private let draw: @Sendable (String) -> Void

    /// Progress drawn by `draw`, which receives the whole line each time.
    public init(draw: @escaping @Sendable (String) -> Void) {
        self.draw = draw
    }

    /// Progress on standard error, redrawn in place; `nil` when standard error is not a terminal.
    public static func terminal() -> BuildProgress? {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        return BuildProgress { line in
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        }
    }

    /// A step begins, with `total` things to do.
    func begin(_ step: Step, total: Int) {
        lock.withLock {
            current = step
            totals[step.rawValue] = total
        }
        redraw(force: true)
    }

    /// A step has `count` more things to do than it had. Files are added one at a time as they
    /// are found to need writing, so this redraws only when a redraw is due.
    func add(_ step: Step, _ count: Int) {
        lock.withLock {
            current = step
            totals[step.rawValue] += count
        }
        redraw(force: false)
    }

    /// `count` more things of a step are done.
    func advance(_ step: Step, by count: Int = 1) {
        lock.withLock { done[step.rawValue] += count }
        redraw(force: false)
    }

    /// Clears the line, before the build's own report is printed.
    public func finish() {
        draw("")
    }

    /// The line as it stands: "files read 10000 · pages rendered 8200 of 12000 · 3.1 s".
    public var line: String {
        lock.withLock {
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            var parts: [String] = []
            for step in Step.allCases where totals[step.rawValue] > 0 || done[step.rawValue] > 0 {
                let noun = step == .render ? "pages" : "files"
                parts.append("\(noun) \(step.label) \(done[step.rawValue]) of \(totals[step.rawValue])")
            }
            parts.append(String(format: "%.1f s", seconds))
            return parts.joined(separator: " · ")
        }
    }

    private func redraw(force: Bool) {
        let now = ContinuousClock.now
        let due = lock.withLock { () -> Bool in
            guard force || now - lastDrawn >= .milliseconds(100) else { return false }
            lastDrawn = now
            return true
        }
        if due { draw(line) }
    }
}
