/// What the files made from the whole archive are made from, so that a build makes again only
/// those whose inputs changed since the last one.
///
/// A file that stands for a few statements (a feed, a search result's document) has a key: the
/// digest of its own parts and of the keys of the statements it shows. One whose key equals the
/// key the last build gave it, and whose file is still as written, is kept without being made.
struct OutputKeys: Sendable {
    /// A digest of everything besides statements that any file made from the archive reads: the
    /// settings, the vocabularies and the words.
    var common: String
    /// A digest, by statement id, of the statement's file and of everything besides it that any
    /// file made from the archive reads: the settings, the vocabularies and the words.
    var statements: [String: String]
    /// The keys of the files the last build made that are still as it wrote them, by path.
    var earlier: [String: String]

    /// The key of a file made from `parts` and from the statements with `ids`, in that order.
    func key(_ parts: [String], statements ids: some Sequence<String>) -> String {
        BuildCache.digest([common] + parts + ids.map { statements[$0] ?? "" })
    }

    /// Whether the file at `path` is left as the last build made it, its key being `key`.
    func keeps(_ path: String, key: String) -> Bool {
        earlier[path] == key
    }
}

/// Files made from the archive, the paths of those kept as the last build made them, and the key
/// of every file that has one.
struct KeyedFiles: Sendable {
    var made: [OutputFile] = []
    var kept: [String] = []
    var keys: [String: String] = [:]
    /// The paths of files made and written into a staging folder as soon as they were made, so
    /// that they are not held: made, but not in `made`.
    var written: [String] = []

    /// The items whose files are to be made: those whose key changed, or all of them without
    /// keys. The others' paths are kept, and every item's key is recorded.
    mutating func select<Item>(
        _ items: [Item], keys: OutputKeys?, path: (Item) -> String, key: (Item, OutputKeys) -> String
    ) -> [Item] {
        guard let keys else { return items }
        return items.filter { item in
            let path = path(item)
            let itemKey = key(item, keys)
            self.keys[path] = itemKey
            guard keys.keeps(path, key: itemKey) else { return true }
            kept.append(path)
            return false
        }
    }

    /// Makes the files of `items`, a run of `run` items at a time, the runs on all cores. With
    /// `staging`, each run is written into it as soon as it is made and let go, and the items'
    /// paths are recorded in `written`; otherwise the files are kept in `made`, in the items' order.
    mutating func make<Item: Sendable>(
        _ items: [Item], path: (Item) -> String, runsOf run: Int, staging: SiteWriter.Staging?,
        files: @Sendable (ArraySlice<Item>) -> [OutputFile]
    ) {
        let made = Array(stride(from: 0, to: items.count, by: run)).concurrentMap { start -> [OutputFile] in
            let made = files(items[start..<min(start + run, items.count)])
            guard let staging else { return made }
            staging.settle(made)
            return []
        }
        guard staging != nil else {
            self.made = made.flatMap { $0 }
            return
        }
        written = items.map(path)
    }

    init() {}

    static func + (lhs: KeyedFiles, rhs: KeyedFiles) -> KeyedFiles {
        var sum = lhs
        sum.made += rhs.made
        sum.kept += rhs.kept
        sum.written += rhs.written
        sum.keys.merge(rhs.keys) { _, new in new }
        return sum
    }
}
