import Foundation
@testable import ArchiveKit

/// The repository's root folder, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The folder that holds every test's temporary folders, one per test process.
private let testsFolder = FileManager.default.temporaryDirectory
    .appendingPathComponent("archive-tests-\(UUID().uuidString)").path

/// Removes `testsFolder` with everything in it when the process exits, however its tests ended.
private let removingTestsFolderAtExit: Void = {
    atexit { try? FileManager.default.removeItem(atPath: testsFolder) }
}()

/// A new empty folder under the system's temporary folder, removed when the tests end.
func temporaryFolder() throws -> URL {
    removingTestsFolderAtExit
    let url = URL(fileURLWithPath: testsFolder).appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes files (path → text) under a folder.
func write(_ files: [String: String], under folder: URL) throws {
    for (path, text) in files {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}

/// A small archive: the repository's theme, plus the given content files.
func makeArchive(_ files: [String: String]) throws -> URL {
    let root = try temporaryFolder()
    try FileManager.default.copyItem(
        at: repositoryRoot.appendingPathComponent("theme"), to: root.appendingPathComponent("theme"))
    try write(files, under: root)
    return root
}

/// Every file under a folder, relative to it, sorted.
func listFiles(in folder: URL) -> [String] {
    Theme.files(in: folder).filter { !$0.hasPrefix(".") }
}

let sampleOrganisations = """
    - id: cpusa
      name: Communist Party USA
      short_name: CPUSA
      kind: party
    - id: cgtp
      name: Confederación General de Trabajadores del Perú
      aliases: [General Confederation of Workers of Peru]
      kind: union
    """

let sampleDemands = """
    - id: boluarte-resign
      label: Boluarte must resign
    - id: new-elections
      label: { en: Early elections, es: Elecciones anticipadas }
    - id: constituent-assembly
      label: A constituent assembly
    """

/// A reader over the sample vocabularies.
func sampleReader() -> StatementReader {
    var data = DataFileReader()
    let vocabulary = Vocabulary(
        organisations: data.organisations(from: sampleOrganisations, file: "content/organisations.yml"),
        demands: data.demands(from: sampleDemands, file: "content/demands.yml", language: "en"))
    return StatementReader(vocabulary: vocabulary)
}

/// An importer over the repository's own vocabularies and the built-in rules.
let repositoryImporter: StatementImporter = {
    // The repository's vocabularies are part of the tests' fixtures; a broken one fails every test.
    let vocabulary = try! VocabularyFiles(root: repositoryRoot).load()
    return StatementImporter(vocabulary: vocabulary)
}()
