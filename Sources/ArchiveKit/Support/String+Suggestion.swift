extension String {
    /// The candidate closest to this string by edit distance, when it is close enough to be a likely typo.
    ///
    /// Used for "did you mean" hints: `boluarte-resigns` suggests `boluarte-resign`. Candidates at the same
    /// distance are decided by their order as strings, so that the hint never depends on the order of a set.
    public func closest(among candidates: some Sequence<String>) -> String? {
        let target = Array(folded)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = Self.editDistance(target, Array(candidate.folded))
            if let current = best,
                distance > current.distance || (distance == current.distance && candidate >= current.candidate)
            {
                continue
            }
            best = (candidate, distance)
        }
        guard let best else { return nil }
        let tolerance = max(2, min(target.count, best.candidate.count) / 3)
        return best.distance <= tolerance ? best.candidate : nil
    }

    /// Edit distance between two sequences of characters, counting an insertion, a deletion, a substitution
    /// or a swap of two neighbours as one edit (the optimal string alignment distance): `titel` is one edit
    /// from `title`, as a typist would count it.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                var distance = Swift.min(previous[j] + 1, current[j - 1] + 1, substitution)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    distance = Swift.min(distance, beforePrevious[j - 2] + 1)
                }
                current[j] = distance
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
