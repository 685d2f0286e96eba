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

    /// Related statements, best first, by statement id.
    let related: [String: [Statement]]

    init(_ archive: Archive) {
        let statements = archive.statements
        let position = Dictionary(uniqueKeysWithValues: statements.enumerated().map { ($0.element.id, $0.offset) })
        var lists: [(weight: Int, members: [Int])] = []
        for demand in archive.demands {
            lists.append((3, archive.statements(raising: demand.id).compactMap { position[$0.id] }))
        }
        for organisation in archive.organisationsByName {
            lists.append((2, archive.statements(by: organisation.id).compactMap { position[$0.id] }))
        }
        for tag in archive.tagsByLabel {
            lists.append((1, archive.statements(tagged: tag.id).compactMap { position[$0.id] }))
        }
        // Where each statement stands in each of its lists.
        var memberships = Array(repeating: [(list: Int, index: Int)](), count: statements.count)
        for (number, list) in lists.enumerated() {
            for (index, member) in list.members.enumerated() { memberships[member].append((number, index)) }
        }
        let (allLists, allMemberships) = (lists, memberships)
        let best = Array(allMemberships.indices).concurrentMap { statement -> [Statement] in
            var scores: [Int: Int] = [:]
            for (number, index) in allMemberships[statement] {
                let (weight, members) = allLists[number]
                let near = max(0, index - Self.window)..<min(members.count, index + Self.window + 1)
                for other in members[near] where other != statement { scores[other, default: 0] += weight }
            }
            return scores.filter { $0.value >= Self.threshold }
                .sorted { ($1.value, abs($0.key - statement), $0.key) < ($0.value, abs($1.key - statement), $1.key) }
                .prefix(Self.count).map { statements[$0.key] }
        }
        related = Dictionary(uniqueKeysWithValues: zip(statements.map(\.id), best))
    }
}
