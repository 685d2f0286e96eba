import Foundation

/// Finds every internal link and resource in a built site that does not resolve to a file.
struct LinkChecker {
    let site: URL

    /// `page: link` for each broken link; absolute links to the site root count as broken,
    /// since they fail under a subpath and from `file://`.
    func brokenLinks() throws -> [String] {
        var broken: [String] = []
        let pattern = try NSRegularExpression(pattern: #"(?:href|src)="([^"]*)""#)
        for page in listFiles(in: site) where page.hasSuffix(".html") {
            let html = try String(contentsOf: site.appendingPathComponent(page), encoding: .utf8)
            let range = NSRange(html.startIndex..., in: html)
            for match in pattern.matches(in: html, range: range) {
                let link = String(html[Range(match.range(at: 1), in: html)!])
                if link.hasPrefix("#") || link.contains("://") || link.hasPrefix("mailto:") { continue }
                let path = String(link.prefix { $0 != "#" && $0 != "?" })
                let target = site.appendingPathComponent(page).deletingLastPathComponent()
                    .appendingPathComponent(path).standardizedFileURL
                var isDirectory: ObjCBool = false
                let inside = target.path.hasPrefix(site.standardizedFileURL.path + "/")
                if link.hasPrefix("/") || !inside
                    || !FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory)
                    || isDirectory.boolValue
                {
                    broken.append("\(page): \(link)")
                }
            }
        }
        return broken
    }
}
