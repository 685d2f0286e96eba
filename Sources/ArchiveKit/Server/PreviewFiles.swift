import Foundation

/// Finds the file a request path names inside a site folder, refusing anything that would reach
/// outside it.
struct PreviewFiles: Sendable {
    /// What a request path leads to.
    enum Resolution: Equatable, Sendable {
        /// A file inside the site, with its content type.
        case file(URL, contentType: String)
        /// A folder named without its trailing slash: the same path with one, so relative links work.
        case redirect(String)
        /// Nothing there.
        case notFound
        /// A path that tries to leave the site: `..`, an encoded slash or backslash, a NUL, or a
        /// symbolic link that points outside.
        case forbidden
    }

    /// The site folder, with symbolic links resolved.
    let folder: URL

    /// Files in `folder`.
    init(folder: URL) {
        self.folder = folder.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// Resolves the path of a request (without its query), as sent: percent-encoded.
    func resolve(_ requestPath: String) -> Resolution {
        let raw = requestPath.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        // Encoded slashes and backslashes would let a segment hide a separator; nothing in a site needs them.
        let lowered = raw.lowercased()
        if lowered.contains("%2f") || lowered.contains("%5c") || lowered.contains("%00") || raw.contains("\\") {
            return .forbidden
        }
        guard let decoded = raw.removingPercentEncoding, !decoded.contains("\0"), !decoded.contains("\\") else {
            return .forbidden
        }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        if segments.contains(where: { $0 == ".." || $0 == "." }) { return .forbidden }
        var url = folder
        for segment in segments { url.appendPathComponent(String(segment)) }

        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return .notFound }
        // A symbolic link may point anywhere; only what resolves inside the site is served.
        guard segments.isEmpty || url.resolvingSymlinksInPath().path.hasPrefix(folder.path + "/") else { return .forbidden }
        if isDirectory.boolValue {
            if !decoded.hasSuffix("/") && !decoded.isEmpty { return .redirect(raw + "/") }
            url.appendPathComponent("index.html")
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { return .notFound }
        }
        let resolved = url.resolvingSymlinksInPath().path
        guard resolved.hasPrefix(folder.path + "/") else { return .forbidden }
        return .file(url, contentType: Self.contentType(of: url.lastPathComponent))
    }

    /// The content type of a file, by its extension; text types say they are UTF-8.
    static func contentType(of name: String) -> String {
        let suffix = name.split(separator: ".").count > 1 ? name.split(separator: ".").last!.lowercased() : ""
        return types[suffix] ?? "application/octet-stream"
    }

    static let types: [String: String] = [
        "html": "text/html; charset=utf-8", "htm": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "mjs": "text/javascript; charset=utf-8", "json": "application/json",
        "xml": "application/xml; charset=utf-8", "rss": "application/rss+xml; charset=utf-8",
        "atom": "application/atom+xml; charset=utf-8", "svg": "image/svg+xml",
        "txt": "text/plain; charset=utf-8", "md": "text/markdown; charset=utf-8",
        "csv": "text/csv; charset=utf-8", "bib": "application/x-bibtex; charset=utf-8",
        "ris": "application/x-research-info-systems; charset=utf-8",
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
        "webp": "image/webp", "avif": "image/avif", "ico": "image/x-icon", "pdf": "application/pdf",
        "woff": "font/woff", "woff2": "font/woff2", "ttf": "font/ttf", "otf": "font/otf",
        "map": "application/json", "webmanifest": "application/manifest+json", "wasm": "application/wasm",
    ]
}
