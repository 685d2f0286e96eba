/// Values a process about to exit leaves for the operating system to reclaim with the rest of its
/// memory, instead of freeing them one allocation at a time: at 10,000 statements a build holds a
/// few hundred thousand (statements, their texts, the caches' dictionaries), and taking them apart
/// as it returns costs about a tenth of a second that nothing needs.
enum LeftToExit {
    private final class Holder {
        let value: Any
        init(_ value: Any) { self.value = value }
    }

    /// Keeps `value` alive until the process ends.
    static func keep(_ value: Any) {
        _ = Unmanaged.passRetained(Holder(value))
    }
}
