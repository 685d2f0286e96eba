import Foundation
import Mustache
import Testing
@testable import ArchiveKit

@Suite("Building whole sites")
struct SiteBuildTests {
    @Test("every page renders the same with its root and the site's values put into the templates as looked up")
    func rootsInTemplates() throws {
        // Site values that Mustache escapes, or that hold tags and so are looked up.
        let marked = try makeArchive([
            "archive.yml": "title: 'Fish & \"chips\" <b>'\ndescription: 'Tags {{like}} these'\nbase_url: https://example.org/?a=1&b=2\n",
            "content/organisations.yml": sampleOrganisations, "content/demands.yml": sampleDemands,
            "content/statements/a.md": "---\ntitle: A\ndate: 2023-01-05\norganisation: cpusa\ndemands: [boluarte-resign]\n---\n\nText.\n",
        ])
        for root in [repositoryRoot, marked] {
            let archive = try ArchiveLoader(root: root).load().archive
            let theme = try Theme(folder: root.appendingPathComponent("theme"), language: archive.settings.language)
            let builder = SiteBuilder(archive: archive, theme: theme)
            let values = builder.fullValues(bodies: try builder.renderBodies(), items: builder.renderItems(), pages: builder.pages)
            for page in builder.pages {
                let context = builder.context(for: page, values: values)
                let rooted = try #require(theme.templates(root: page.root, site: builder.siteTexts))
                let html = try #require(rooted.render(context, withTemplate: page.template))
                #expect(!html.isEmpty)
                #expect(html == theme.templates.render(context, withTemplate: page.template), "\(page.path)")
            }
        }
    }

    @Test("a list entry makes its statement's values only when a template asks for one, and once")
    func listedValuesOnDemand() throws {
        final class Count: @unchecked Sendable { var made = 0 }
        for (template, expected, made) in [
            ("{{#statements}}{{{item_html}}};{{/statements}}", "<i>A</i>;<i>B</i>;", 0),
            ("{{#statements}}{{{item_html}}} {{title}} {{title}};{{/statements}}", "<i>A</i> A A;<i>B</i> B B;", 2),
        ] {
            let count = Count()
            let entries = ["A", "B"].map { title in
                SiteBuilder.Listed(values: { count.made += 1; return ["title": title] }, itemHTML: "<i>\(title)</i>")
            }
            let rendered = try MustacheTemplate(string: template).render(["statements": entries])
            #expect(rendered == expected)
            #expect(count.made == made, "\(template)")
        }
    }

    @Test("the bundled archive builds every page type, and every internal link resolves")
    func bundledArchive() throws {
        let output = try temporaryFolder().appendingPathComponent("site")
        let report = try SiteBuild(root: repositoryRoot, output: output).run()
        #expect(report.summary.statements == 5)
        let files = Set(listFiles(in: output))
        for page in [
            "index.html", "statements/index.html", "statements/hands-off-peru/index.html",
            "organisations/index.html", "organisations/cpusa/index.html",
            "demands/index.html", "demands/constituent-assembly/index.html",
            "tags/index.html", "tags/mining/index.html", "assets/style.css",
            "sources/seeds/004_4b5bbf61f4fde164.txt",
        ] {
            #expect(files.contains(page), "missing \(page)")
        }
        for statement in try ArchiveLoader(root: repositoryRoot).load().archive.statements {
            #expect(files.contains("statements/\(statement.id)/index.html"))
        }
        #expect(try LinkChecker(site: output).brokenLinks() == [])
    }

    @Test("the committed site/ is exactly what a build of the committed sources gives")
    func committedSiteIsFresh() throws {
        let fresh = try SiteBuild(root: repositoryRoot).files().files
        let committed = repositoryRoot.appendingPathComponent("site")
        let freshPaths = fresh.map(\.path).filter { !$0.hasPrefix(".") }
        #expect(listFiles(in: committed) == freshPaths, "site/ is stale: run script/build-site and commit site/")
        for file in fresh {
            let data = FileManager.default.contents(atPath: committed.appendingPathComponent(file.path).path)
            #expect(data == file.contents, "site/\(file.path) is stale: run script/build-site and commit site/")
        }
    }

    @Test("two builds of the same sources are byte-identical")
    func deterministic() throws {
        let first = try SiteBuild(root: repositoryRoot).files().files
        let second = try SiteBuild(root: repositoryRoot).files().files
        #expect(first == second)
    }

    @Test("writing the site, with the index built during the write, gives exactly the files of a build")
    func writtenSiteMatchesBuild() throws {
        let output = try temporaryFolder().appendingPathComponent("site")
        let report = try SiteBuild(root: repositoryRoot, output: output).run()
        let files = try SiteBuild(root: repositoryRoot).files().files
        #expect(report.fileCount == files.count)
        #expect(listFiles(in: output) == files.map(\.path).filter { !$0.hasPrefix(".") })
        for file in files {
            #expect(FileManager.default.contents(atPath: output.appendingPathComponent(file.path).path) == file.contents, "\(file.path)")
        }
        #expect(report.timings.phases.contains { $0.name == "search terms (during write)" })
    }

    @Test("statement pages show metadata, demands, tags, body and provenance")
    func statementPage() throws {
        let files = try SiteBuild(root: repositoryRoot).files().files
        let page = try #require(files.first { $0.path == "statements/like-bolivia-peru-can-overturn-this-coup/index.html" })
        let html = String(decoding: page.contents, as: UTF8.self)
        #expect(html.contains("<h1>Like Bolivia, Peru can overturn this coup</h1>"))
        #expect(html.contains(#"<a href="../../organisations/morning-star/index.html">Morning Star</a>"#))
        #expect(html.contains("<dd>Ken Livingstone</dd>"))
        #expect(html.contains(#"<a href="../../demands/dissolve-congress/index.html">Dissolve Congress</a>"#))
        #expect(html.contains(#"<a href="../../tags/state-of-emergency/index.html">State of emergency</a>"#))
        #expect(html.contains(#"<span class="undated">undated</span>"#))
        #expect(html.contains(#"href="../../sources/seeds/003_ce337b2a493c187c.txt""#))
        #expect(html.contains("<p>Mass movements can defeat coup regimes as the recent examples of Honduras and Bolivia show.</p>"))
    }

    @Test("errors in several files are all reported, and the old site is left untouched")
    func errorsLeaveOldSite() throws {
        let root = try makeArchive([
            "content/demands.yml": sampleDemands,
            "content/statements/good.md": "---\ntitle: Good\n---\nText.\n",
        ])
        try SiteBuild(root: root).run()
        let before = try Data(contentsOf: root.appendingPathComponent("site/index.html"))
        try write([
            "content/statements/bad-date.md": "---\ntitle: A\ndate: soon\n---\n",
            "content/statements/bad-demand.md": "---\ntitle: B\ndemands: [new-election]\n---\n",
            "content/statements/good.md": "---\ntitle: Changed\n---\nText.\n",
            "theme/templates/tags.mustache": "{{> paginaton}}\n",
        ], under: root)
        let error = try #require(throws: ContentErrors.self) { try SiteBuild(root: root).run() }
        #expect(error.errors.map(\.description) == [
            "content/statements/bad-date.md:3:7: error: 'soon' is not a date; write YYYY-MM-DD, or YYYY-MM when only the month is known",
            "content/statements/bad-demand.md:3:11: error: unknown demand 'new-election'; did you mean 'new-elections'?",
            "theme/templates/tags.mustache:1:1: error: there is no template 'paginaton' to include; did you mean 'pagination'?",
        ], "the content's errors and the theme's, in one run, by file")
        #expect(try Data(contentsOf: root.appendingPathComponent("site/index.html")) == before)
        #expect(!listFiles(in: root).contains { $0.contains(".building-") })
    }

    @Test("a deleted statement's page is gone after the next build")
    func noStalePages() throws {
        let root = try makeArchive([
            "content/statements/one.md": "---\ntitle: One\ntags: [solo]\n---\n",
            "content/statements/two.md": "---\ntitle: Two\n---\n",
        ])
        try SiteBuild(root: root).run()
        #expect(listFiles(in: root.appendingPathComponent("site")).contains("statements/one/index.html"))
        try FileManager.default.removeItem(at: root.appendingPathComponent("content/statements/one.md"))
        try SiteBuild(root: root).run()
        let files = listFiles(in: root.appendingPathComponent("site"))
        #expect(!files.contains("statements/one/index.html"))
        #expect(!files.contains("tags/solo/index.html"))
        #expect(files.contains("statements/two/index.html"))
    }

    @Test("raw HTML in a statement never reaches its page")
    func hostileBody() throws {
        let root = try makeArchive([
            "content/statements/x.md": """
                ---
                title: "<script>alert('title')</script>"
                summary: "<b>bold</b>"
                ---
                <script>alert("body")</script>

                Text <img src=x onerror=alert(1)> [link](javascript:alert(1))
                """
        ])
        let files = try SiteBuild(root: root).files().files
        for file in files where file.path.hasSuffix(".html") {
            let html = String(decoding: file.contents, as: UTF8.self)
            #expect(!html.contains("<script>alert"), "\(file.path)")
            // The theme's own scripts and the statement's JSON-LD are the only script elements.
            let ownScripts = ["<script type=\"application/ld+json\">", "<script src=\""]
            let scripts = html.components(separatedBy: "<script").dropFirst()
            #expect(scripts.allSatisfy { script in ownScripts.contains { $0.hasPrefix("<script" + script.prefix($0.count - 7)) } }, "\(file.path)")
            #expect(html.components(separatedBy: "</script").count == html.components(separatedBy: "<script").count, "\(file.path)")
            #expect(!html.contains("<img"), "\(file.path)")
            #expect(!html.contains("javascript:"), "\(file.path)")
        }
        let page = try #require(files.first { $0.path == "statements/x/index.html" })
        #expect(String(decoding: page.contents, as: UTF8.self).contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;"))
    }

    @Test("an organisation without a record gets a page of its own, with a warning")
    func unrecordedOrganisation() throws {
        let root = try makeArchive([
            "content/organisations.yml": sampleOrganisations,
            "content/statements/x.md": "---\ntitle: X\norganisation: Peace Council of Perú\n---\n\nText.\n",
        ])
        let (files, loaded) = try SiteBuild(root: root).files()
        #expect(loaded.warnings.map(\.file) == ["content/statements/x.md"])
        let page = try #require(files.first { $0.path == "organisations/peace-council-of-peru/index.html" })
        #expect(String(decoding: page.contents, as: UTF8.self).contains("Peace Council of Perú"))
    }

    @Test("long lists are split into pages whose links resolve; a demand's organisations are on its first page")
    func pagination() throws {
        var files: [String: String] = [
            "content/organisations.yml": sampleOrganisations, "content/demands.yml": sampleDemands,
        ]
        for day in 1...5 {
            files["content/statements/s\(day).md"] =
                "---\ntitle: S\(day)\ndate: 2023-01-0\(day)\norganisation: cpusa\ndemands: [boluarte-resign]\n---\n"
        }
        let root = try makeArchive(files)
        let loaded = try ArchiveLoader(root: root).load()
        let theme = try Theme(folder: root.appendingPathComponent("theme"), language: "en")
        let site = try SiteBuilder(archive: loaded.archive, theme: theme, pageSize: 2).build()
        let output = root.appendingPathComponent("site")
        try SiteWriter(output: output, root: root).write(site)
        let paths = Set(site.map(\.path))
        #expect(paths.isSuperset(of: [
            "organisations/cpusa/index.html", "organisations/cpusa/page/2/index.html",
            "organisations/cpusa/page/3/index.html", "statements/page/3/index.html",
        ]))
        #expect(!paths.contains("organisations/cpusa/page/4/index.html"))
        let last = try String(contentsOf: output.appendingPathComponent("organisations/cpusa/page/3/index.html"), encoding: .utf8)
        #expect(last.contains("S1"))
        #expect(!last.contains("S5"))
        // The organisations raising a demand are listed once, on the first page; every page counts them.
        let demand = { (path: String) in
            try String(contentsOf: output.appendingPathComponent("demands/boluarte-resign/" + path), encoding: .utf8)
        }
        #expect(try demand("index.html").contains("<ul class=\"pills\">"))
        #expect(try !demand("page/2/index.html").contains("<ul class=\"pills\">"))
        #expect(try demand("page/2/index.html").contains("5 statements, 1 organisations"))
        #expect(try LinkChecker(site: output).brokenLinks() == [])
    }

    @Test("a Spanish archive speaks Spanish")
    func spanish() throws {
        let root = try makeArchive([
            "archive.yml": "title: Archivo\nlanguage: es\n",
            "content/demands.yml": sampleDemands,
            "content/statements/a.md": "---\ntitle: A\ndate: 2023-01-11\ndemands: [new-elections]\n---\n",
            "content/statements/b.md": "---\ntitle: B\nlanguage: en\n---\n",
        ])
        let files = try SiteBuild(root: root).files().files
        let a = String(decoding: try #require(files.first { $0.path == "statements/a/index.html" }).contents, as: UTF8.self)
        #expect(a.contains(#"<html lang="es">"#))
        #expect(a.contains("11 de enero de 2023"))
        #expect(a.contains("Elecciones anticipadas"))
        let b = String(decoding: try #require(files.first { $0.path == "statements/b/index.html" }).contents, as: UTF8.self)
        #expect(b.contains("sin fecha"))
        #expect(b.contains(#"<article class="statement" lang="en">"#))
    }

    @Test("a broken template is reported at its line and column")
    func brokenTemplate() throws {
        let root = try makeArchive(["content/statements/a.md": "---\ntitle: A\n---\n"])
        try write(["theme/templates/tag.mustache": "<h1>\n{{#tag}}{{label}}{{/tags}}\n"], under: root)
        let error = try #require(throws: ContentErrors.self) { try SiteBuild(root: root).files() }
        #expect(error.errors.first?.file == "theme/templates/tag.mustache")
        #expect(error.errors.first?.line == 2)
    }
}
