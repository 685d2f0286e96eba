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
    /// The vocabularies are read on cores of their own once the settings give their language.
    func read(diagnostics: inout Diagnostics, digests: inout [String: String]) -> (SiteSettings, Vocabulary) {
        var data = DataFileReader()
        let settings = settings(diagnostics: &diagnostics, digests: &digests, data: &data)
        let language = settings.language
        let organisations = parsed("content/organisations.yml") { data, text, file in data.organisations(from: text, file: file) }
        let demands = parsed("content/demands.yml") { data, text, file in data.demands(from: text, file: file, language: language) }
        let tags = parsed("content/tags.yml") { data, text, file in data.tags(from: text, file: file, language: language) }
        // Recorded in the order read one after another would give: each file's reading, then parsing.
        let files = [organisations.value.file, demands.value.file, tags.value.file]
        for file in files {
            diagnostics.record(contentsOf: file.reading.all)
            if let digest = file.digest { digests[file.path] = digest }
        }
        diagnostics.record(contentsOf: data.diagnostics.all)
        for file in files { diagnostics.record(contentsOf: file.parsing.all) }
        let vocabulary = Vocabulary(
            organisations: organisations.value.value ?? [], demands: demands.value.value ?? [], tags: tags.value.value ?? [])
        return (settings, vocabulary)
    }

    /// A file read and parsed, with what each step noticed.
    private struct ParsedFile: Sendable {
        var path: String
        var digest: String?
        var reading = Diagnostics()
        var parsing = Diagnostics()
    }

    /// The file at `relative`, read and parsed by `parse` on a thread of its own.
    private func parsed<Value: Sendable>(
        _ relative: String, _ parse: @escaping @Sendable (inout DataFileReader, String, String) -> Value
    ) -> Background<(value: Value?, file: ParsedFile)> {
        Background {
            var file = ParsedFile(path: relative)
            var digests: [String: String] = [:]
            let text = self.text(of: relative, diagnostics: &file.reading, digests: &digests)
            file.digest = digests[relative]
            var data = DataFileReader()
            let value = text.map { parse(&data, $0, relative) }
            file.parsing = data.diagnostics
            return (value, file)
        }
    }

    /// The settings alone, problems ignored: their defaults where `archive.yml` has an error.
    func settings() -> SiteSettings {
        var diagnostics = Diagnostics()
        var digests: [String: String] = [:]
        var data = DataFileReader()
        return settings(diagnostics: &diagnostics, digests: &digests, data: &data)
    }

    /// The settings from `archive.yml`, its defaults where it is missing or cannot be read.
    private func settings(
        diagnostics: inout Diagnostics, digests: inout [String: String], data: inout DataFileReader
    ) -> SiteSettings {
        text(of: "archive.yml", diagnostics: &diagnostics, digests: &digests).map {
            data.settings(from: $0, file: "archive.yml")
        } ?? SiteSettings()
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
