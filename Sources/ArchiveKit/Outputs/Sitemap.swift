/// `robots.txt`, and `sitemap.xml` when the archive knows the address it is published at (a
/// sitemap holds absolute addresses only).
struct Sitemap: Sendable {
    let settings: SiteSettings
    /// The paths of the site's pages, `…/index.html`.
    let pages: [String]

    func files() -> [OutputFile] {
        var robots = "User-agent: *\nAllow: /\n"
        guard let base = settings.baseURL else { return [OutputFile(path: "robots.txt", text: robots)] }
        robots += "\nSitemap: \(base)sitemap.xml\n"
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

            """
        for path in pages.sorted() where path.hasSuffix("index.html") {
            let folder = path.dropLast("index.html".count)
            xml += "<url><loc>\(XMLText.escape(base + folder))</loc></url>\n"
        }
        xml += "</urlset>\n"
        return [OutputFile(path: "robots.txt", text: robots), OutputFile(path: "sitemap.xml", text: xml)]
    }
}
