import Foundation

/// The archive's settings and vocabulary files: `archive.yml`, `content/organisations.yml`,
/// `content/demands.yml` and `content/tags.yml`, each optional.
struct VocabularyFiles: Sendable {
    let root: URL
    /// The vocabulary files, relative to the root.
    static let vocabularyPaths = ["content/organisations.yml", "content/demands.yml", "content/tags.yml"]

    init(root: URL) {
        self.root = root
    }

    /// Reads every file, recording problems.
    func read(diagnostics: inout Diagnostics) -> (SiteSettings, Vocabulary) {
        var digests: [String: String] = [:]
        return read(diagnostics: &diagnostics, digests: &digests)
    }

    /// Reads every file, recording problems and each file's digest, by path relative to the root.
    func read(diagnostics: inout Diagnostics, digests: inout [String: String]) -> (SiteSettings, Vocabulary) {
        var data = DataFileReader()
        let settings = text(of: "archive.yml", diagnostics: &diagnostics, digests: &digests).map {
            data.settings(from: $0, file: "archive.yml")
        } ?? SiteSettings()
        let organisations = text(of: "content/organisations.yml", diagnostics: &diagnostics, digests: &digests).map {
            data.organisations(from: $0, file: "content/organisations.yml")
        } ?? []
        let demands = text(of: "content/demands.yml", diagnostics: &diagnostics, digests: &digests).map {
            data.demands(from: $0, file: "content/demands.yml", language: settings.language)
        } ?? []
        let tags = text(of: "content/tags.yml", diagnostics: &diagnostics, digests: &digests).map {
            data.tags(from: $0, file: "content/tags.yml", language: settings.language)
        } ?? []
        diagnostics.record(contentsOf: data.diagnostics.all)
        return (settings, Vocabulary(organisations: organisations, demands: demands, tags: tags))
    }

    /// Reads the vocabularies; throws `ContentErrors` if any file has an error.
    func load() throws -> Vocabulary {
        var diagnostics = Diagnostics()
        let (_, vocabulary) = read(diagnostics: &diagnostics)
        guard diagnostics.errors.isEmpty else { throw ContentErrors(diagnostics.errors) }
        return vocabulary
    }

    private func text(of relative: String, diagnostics: inout Diagnostics, digests: inout [String: String]) -> String? {
        let path = root.appendingPathComponent(relative).path
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        // Read and checked as statements are: the same size limit, and the same located errors for
        // text that is UTF-16, binary or not UTF-8.
        let bytes: Data
        switch TextFile.contents(of: path) {
        case .success(let data): bytes = data
        case .failure(let failure):
            diagnostics.error(failure.reason, at: SourceLocation(file: relative))
            return nil
        }
        digests[relative] = BuildCache.digest(bytes)
        guard let text = String(validating: bytes, as: UTF8.self), !ArchiveLoader.holdsNUL(bytes) else {
            diagnostics.record(ContentError.notText(bytes, file: relative))
            return nil
        }
        return text
    }
}
