import Foundation
import Testing

/// The fuzz targets' checks (the same file, `Fuzz/Sources/FuzzSupport/Checks.swift`), run over the
/// material each target starts from and every input fuzzing ever found: a check that fails stops
/// the test run with the input's promise broken.
@Suite("Fuzzing's inputs, replayed")
struct FuzzRegressionTests {
    static let targets: [String: @Sendable (Data) -> Void] = [
        "FuzzStatement": Checks.statement,
        "FuzzTextImport": Checks.textImport,
        "FuzzPageImport": Checks.pageImport,
        "FuzzMarkdown": Checks.markdown,
    ]

    /// The folders a target's inputs come from, as `script/fuzz` seeds them.
    static func folders(of target: String) -> [String] {
        let start = [
            "FuzzStatement": ["content/statements"], "FuzzTextImport": ["seeds", "bench/import/texts"],
            "FuzzPageImport": ["Fuzz/Corpus/FuzzPageImport", "bench/import/pages", "bench/import/held-out"],
            "FuzzMarkdown": ["content/statements", "docs"],
        ][target] ?? []
        return start + ["Fuzz/Regressions/\(target)"]
    }

    @Test("every input of every target keeps its promises", arguments: targets.keys.sorted())
    func replay(target: String) throws {
        let check = try #require(Self.targets[target])
        var count = 0
        for folder in Self.folders(of: target) {
            let url = repositoryRoot.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            for name in names.sorted() where !name.hasPrefix(".") {
                guard let data = FileManager.default.contents(atPath: url.appendingPathComponent(name).path) else { continue }
                check(data)
                count += 1
            }
        }
        #expect(count >= 3, "\(target) replayed \(count) inputs")
    }
}
