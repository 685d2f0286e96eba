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

    /// One line per phase: `  render pages   1.234 s`.
    public var report: String {
        phases.map { phase in
            let seconds = Double(phase.duration.components.seconds) + Double(phase.duration.components.attoseconds) / 1e18
            let name = phase.name.padding(toLength: 16, withPad: " ", startingAt: 0)
            return "  \(name)\(String(format: "%8.3f", seconds)) s"
        }.joined(separator: "\n")
    }
}
