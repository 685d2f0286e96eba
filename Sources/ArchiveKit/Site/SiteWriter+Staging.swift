import Foundation

extension SiteWriter {
    /// A folder beside the output that a whole site is written into, from any number of threads at
    /// once, before it takes the output's place (`SiteWriter.commit`).
    final class Staging: @unchecked Sendable {
        /// The folder.
        let folder: URL
        /// Where the site it replaces goes until it is removed.
        let retired: URL
        private let progress: BuildProgress?
        private let lock = NSLock()
        // Guarded by `lock`.
        private var folders: Set<String> = [""]
        private var files: Written = [:]
        private var firstFailure: (any Error)?

        init(folder: URL, retired: URL, progress: BuildProgress?) {
            (self.folder, self.retired, self.progress) = (folder, retired, progress)
        }

        /// What has been written, by path inside the folder.
        var written: Written {
            lock.withLock { files }
        }

        /// Why a file could not be written, if one could not: the first reason given.
        var failure: (any Error)? {
            lock.withLock { firstFailure }
        }

        /// Records why a file could not be written; the folder is then not put in the output's place.
        func fail(_ error: any Error) {
            lock.withLock { firstFailure = firstFailure ?? error }
        }

        /// A new file at `path`, to be written a piece at a time.
        func appending(_ path: String) throws -> Appending {
            try makeFolders(for: [path])
            let full = SiteWriter.path(path, in: folder)
            let descriptor = open(full, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            guard descriptor >= 0 else { throw Failure.io(full, underlying: String(cString: strerror(errno))) }
            progress?.add(.write, 1)
            return Appending(staging: self, path: path, descriptor: descriptor)
        }

        /// A file of the staging folder written a piece at a time, as its bytes are made, so that
        /// they are never all held at once; used from one thread at a time.
        final class Appending: @unchecked Sendable {
            private let staging: Staging
            /// Where the file is, inside the staging folder.
            let path: String
            private let descriptor: Int32
            private let digest = BuildCache.Digesting()
            private var problem: String?

            fileprivate init(staging: Staging, path: String, descriptor: Int32) {
                (self.staging, self.path, self.descriptor) = (staging, path, descriptor)
            }

            /// Writes `bytes` at the end of the file.
            func append(_ bytes: Data) {
                guard problem == nil else { return }
                problem = bytes.withUnsafeBytes { bytes in
                    digest.update(bytes)
                    return SiteWriter.write(bytes, to: descriptor)
                }
            }

            /// Closes the file and records it as written, or why it could not be.
            func finish() {
                defer { staging.progress?.advance(.write) }
                var info = stat()
                if problem == nil, fstat(descriptor, &info) != 0 { problem = String(cString: strerror(errno)) }
                if close(descriptor) != 0, problem == nil { problem = String(cString: strerror(errno)) }
                if let problem {
                    staging.fail(Failure.io(SiteWriter.path(path, in: staging.folder), underlying: problem))
                } else {
                    let file = BuildCache.WrittenFile(digest: digest.digest, info: info)
                    staging.lock.withLock { staging.files[path] = file }
                }
            }
        }

        /// Writes `files`, in parallel.
        func write(_ files: [OutputFile]) throws {
            progress?.add(.write, files.count)
            try makeFolders(for: files.map(\.path))
            // The staging folder makes the whole site atomic, so each file is written plainly.
            let results = files.concurrentMap { file -> Result<BuildCache.WrittenFile, Failure> in
                defer { progress?.advance(.write) }
                return SiteWriter.create(SiteWriter.path(file.path, in: folder), with: file)
            }
            try record(zip(files.map(\.path), results).map { ($0, $1.mapError { $0 }) })
        }

        /// Writes `files`, or records why they could not be written (`fail`): for files made
        /// beside the pages, whose makers have no one to throw to; the failure is reported when
        /// the folder is committed.
        func settle(_ files: [OutputFile]) {
            do {
                try write(files)
            } catch {
                fail(error)
            }
        }

        /// Writes the files `made` makes, each as soon as it is made. Every one is made even when
        /// one cannot be; then the errors of all of them are thrown together, as `ContentErrors`.
        func write(_ made: Made) throws {
            progress?.add(.write, made.paths.count)
            try makeFolders(for: made.paths)
            let results = Array(made.paths.indices).concurrentMap {
                number -> Result<BuildCache.WrittenFile, any Error> in
                defer { progress?.advance(.write) }
                switch made.make(number) {
                case .success(let file):
                    return SiteWriter.create(SiteWriter.path(file.path, in: folder), with: file).mapError { $0 }
                case .failure(let error): return .failure(error)
                }
            }
            let errors = results.compactMap { result -> ContentError? in
                if case .failure(let error as ContentError) = result { error } else { nil }
            }
            guard errors.isEmpty else { throw ContentErrors(Array(Set(errors))) }
            try record(Array(zip(made.paths, results)))
        }

        /// Removes the folder and everything written into it.
        func discard() {
            try? FileManager.default.removeItem(at: folder)
        }

        private func makeFolders(for paths: [String]) throws {
            try lock.withLock { try SiteWriter.createFolders(for: paths, in: folder.path, existing: &folders) }
        }

        private func record(_ results: [(String, Result<BuildCache.WrittenFile, any Error>)]) throws {
            var written: Written = [:]
            for (path, result) in results { written[path] = try result.get() }
            lock.withLock { files.merge(written) { _, new in new } }
        }
    }
}
