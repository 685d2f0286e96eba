import Foundation

/// How long each phase of a build took, for `archive build --timings`.
public struct Timings: Sendable {
    /// Phases in the order they ran, with their durations.
    public private(set) var phases: [(name: String, duration: Duration)] = []

    /// No phases yet.
    public init() {}

    /// Runs `work` and records how long it took under `name`.
    mutating func measure<T>(_ name: String, _ work: () throws -> T) rethrows -> T {
        let clock = ContinuousClock()
        let start = clock.now
        defer { phases.append((name, clock.now - start)) }
        return try work()
    }

    /// Records a moment rather than a phase: the time from `start` until now, under `name`.
    mutating func record(_ name: String, since start: ContinuousClock.Instant) {
        phases.append((name, ContinuousClock.now - start))
    }

    /// Adds phases measured elsewhere, such as on another thread, naming each with `suffix`.
    mutating func append(_ other: Timings, suffix: String = "") {
        phases += other.phases.map { ($0.name + suffix, $0.duration) }
    }

    /// One line per phase: `  render pages   1.234 s`.
    public var report: String {
        let width = phases.map(\.name.count).max().map { max(16, $0 + 1) } ?? 16
        return phases.map { phase in
            let seconds = Double(phase.duration.components.seconds) + Double(phase.duration.components.attoseconds) / 1e18
            let name = phase.name.padding(toLength: width, withPad: " ", startingAt: 0)
            return "  \(name)\(String(format: "%8.3f", seconds)) s"
        }.joined(separator: "\n")
    }
}
