/// The statements most like each statement: those that share its demands (which weigh most), its
/// organisations and its tags.
///
/// A statement is compared with its neighbours in time within each list it shares (the
/// statements raising a demand, issued by an organisation, or with a tag), so the work grows with
/// the archive, not with its square, and a statement is related to those near it in time first.
struct RelatedStatements: Sendable {
    /// How many related statements a page shows at most.
    static let count = 5
    /// How many neighbours on each side of a statement each list offers.
    static let window = 12
    /// The least score that makes two statements related: one shared demand or organisation, or
    /// two shared tags.
    static let threshold = 2

    /// Related statements, best first, as positions in the archive's order, by statement id.
    let positions: [String: [Int]]
    /// What the relations were made from (see `key(of:)`).
    let key: String

    /// The statements related to the statement with `id`, best first.
    func statements(relatedTo id: String, in archive: Archive) -> [Statement] {
        (positions[id] ?? []).map { archive.statements[$0] }
    }

    /// The ids of the statements related to the statement with `id`, best first.
    func ids(relatedTo id: String, in archive: Archive) -> [String] {
        (positions[id] ?? []).map { archive.statements[$0].id }
    }

    /// A digest of everything relations are made from: the statements in order, with their
    /// organisations, demands and tags, and the order of the lists they are compared in. Equal
    /// keys give equal relations, so a process that keeps them between builds need not find them again.
    static func key(of archive: Archive) -> String {
        var input = BuildCache.input(
            ["demands"] + archive.demands.map(\.id) + ["organisations"] + archive.organisationsByName.map(\.id)
                + ["tags"] + archive.tagsByLabel.map(\.id) + ["statements"])
        // Laid out in runs on all cores, then one after another: the same bytes as in one pass.
        let statements = archive.statements
        let runs = stride(from: 0, to: statements.count, by: 512).map { $0..<min($0 + 512, statements.count) }
        for run in runs.concurrentMap({ run -> BuildCache.DigestInput in
            var input = BuildCache.DigestInput(capacity: run.count * 96)
            for index in run {
                input.append(statements[index].id)
                input.append(statements[index].signatories.joined(separator: "\u{1F}"))
                input.append(statements[index].demands.joined(separator: "\u{1F}"))
                input.append(statements[index].tags.joined(separator: "\u{1F}"))
            }
            return input
        }) {
            input.append(contentsOf: run)
        }
        return input.digest
    }

    /// Relations found before, with the key of what they were made from.
    init(positions: [String: [Int]], key: String) {
        self.positions = positions
        self.key = key
    }

    init(_ archive: Archive, key: String? = nil) {
        self.key = key ?? Self.key(of: archive)
        let statements = archive.statements
        // Each list as the positions of its statements in the archive, which the archive keeps:
        // statements are neither copied nor looked up by id.
        var lists: [(weight: Int, members: [Int])] = []
        for demand in archive.demands {
            lists.append((3, archive.positions(raising: demand.id)))
        }
        for organisation in archive.organisationsByName {
            lists.append((2, archive.positions(by: organisation.id)))
        }
        for tag in archive.tagsByLabel {
            lists.append((1, archive.positions(tagged: tag.id)))
        }
        // Where each statement stands in each of its lists.
        var memberships = Array(repeating: [(list: Int, index: Int)](), count: statements.count)
        for (number, list) in lists.enumerated() {
            for (index, member) in list.members.enumerated() { memberships[member].append((number, index)) }
        }
        let (allLists, allMemberships) = (lists, memberships)
        let best = Array(allMemberships.indices).concurrentMap { statement -> [Int] in
            // Every neighbour with the weight of each list it shares, summed once sorted by neighbour.
            var shared: [(other: Int, weight: Int)] = []
            for (number, index) in allMemberships[statement] {
                let (weight, members) = allLists[number]
                let near = max(0, index - Self.window)..<min(members.count, index + Self.window + 1)
                for other in members[near] where other != statement { shared.append((other, weight)) }
            }
            shared.sort { $0.other < $1.other }
            var scores: [(other: Int, score: Int)] = []
            for (other, weight) in shared {
                if scores.last?.other == other { scores[scores.count - 1].score += weight } else { scores.append((other, weight)) }
            }
            return scores.filter { $0.score >= Self.threshold }
                .sorted { ($1.score, abs($0.other - statement), $0.other) < ($0.score, abs($1.other - statement), $1.other) }
                .prefix(Self.count).map(\.other)
        }
        positions = Dictionary(uniqueKeysWithValues: zip(statements.map(\.id), best))
    }
}
