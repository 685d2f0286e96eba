import Foundation
import Testing
@testable import ArchiveKit

@Suite("Theme checks: partials, words and values that do not exist")
struct TemplateCheckTests {
    private func archive(editing template: String, _ edit: (String) -> String) throws -> URL {
        let root = try makeArchive([
            "content/demands.yml": sampleDemands,
            "content/statements/a.md": "---\ntitle: A\ndemands: [new-elections]\n---\n\nText.\n",
        ])
        let file = root.appendingPathComponent("theme/templates/\(template).mustache")
        try edit(try String(contentsOf: file, encoding: .utf8)).write(to: file, atomically: true, encoding: .utf8)
        return root
    }

    private func errors(_ root: URL) throws -> [String] {
        do {
            try SiteBuild(root: root).run()
            return []
        } catch let errors as ContentErrors {
            return errors.errors.map(\.description)
        }
    }

    @Test("a partial that is not a template is an error at its tag, with a did-you-mean, and nothing is written")
    func missingPartial() throws {
        let root = try archive(editing: "statements") { $0.replacingOccurrences(of: "{{>statement-list}}", with: "{{> statement-lists }}") }
        #expect(try errors(root) == [
            "theme/templates/statements.mustache:6:1: error: there is no template 'statement-lists' to include; did you mean 'statement-list'?"
        ])
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("site").path))
    }

    @Test("a word the strings files lack is an error, a value no page has is a warning that fails with --strict")
    func wordsAndValues() throws {
        let root = try archive(editing: "statement") {
            $0.replacingOccurrences(of: "{{t.published}}", with: "{{t.publishd}}")
        }
        #expect(try errors(root) == [
            "theme/templates/statement.mustache:32:5: error: 't.publishd' is not in theme/i18n/en.yml; did you mean 't.published'? or add the word there"
        ])
        let typo = try archive(editing: "statement") { $0.replacingOccurrences(of: "<h1>{{title}}</h1>", with: "<h1>{{titel}}</h1>") }
        let report = try SiteBuild(root: typo).run()
        #expect(report.summary.warnings.map(\.description) == [
            "theme/templates/statement.mustache:30:5: warning: no page has a value 'titel', so it prints nothing; did you mean 'title'?"
        ])
        // --strict: the same warning stops the build before anything is written, and the old site stays.
        let site = typo.appendingPathComponent("site")
        let before = listFiles(in: site)
        try Data("changed".utf8).write(to: typo.appendingPathComponent("theme/assets/extra.css"))
        var strict = SiteBuild(root: typo)
        strict.strict = true
        #expect(throws: ContentErrors.self) { try strict.run() }
        #expect(listFiles(in: site) == before)
    }

    @Test("statements without demands and statements under review fail only with --strict")
    func strictContent() throws {
        let root = try makeArchive([
            "content/statements/a.md": "---\ntitle: A\nreview: [date]\n---\n\nText.\n",
        ])
        let report = try SiteBuild(root: root).run()
        #expect(report.summary.warnings.map(\.description) == [
            "content/statements/a.md:1:1: warning: the statement raises no demand; add 'demands' from content/demands.yml"
        ])
        var strict = SiteBuild(root: root)
        strict.strict = true
        let errors = try #require(throws: ContentErrors.self) { try strict.run() }
        #expect(errors.errors.map(\.description) == [
            "content/statements/a.md:1:1: error: still under review (date): check them, then remove 'review'",
            "content/statements/a.md:1:1: error: the statement raises no demand; add 'demands' from content/demands.yml",
        ])
    }

    @Test("every value a page or a list item has is a name the check knows")
    func valueNamesAreComplete() throws {
        var seen: Set<String> = []
        func collect(_ value: Any) {
            if let context = value as? [String: Any] {
                for (key, inner) in context {
                    seen.insert(key)
                    collect(inner)
                }
            } else if let listed = value as? SiteBuilder.Listed {
                for name in listed.names {
                    seen.insert(name)
                    listed.child(named: name).map(collect)
                }
            } else if let list = value as? [Any] {
                list.forEach(collect)
            }
        }
        for root in [repositoryRoot, try makeArchive([
            "archive.yml": "base_url: https://example.org/\n",
            "content/organisations.yml": sampleOrganisations, "content/demands.yml": sampleDemands,
            "content/statements/a.md": "---\ntitle: A\ndate: 2023-01\norganisation: cpusa\nco_signers: [cgtp]\nauthor: X\npublication: Y\nsummary: S\ndemands: [new-elections]\ntags: [t]\nreview: [date]\nsource: { url: https://example.org/a }\n---\n\nText.\n",
            "content/statements/b.md": "---\ntitle: B\norganisation: Someone new\n---\n\nText.\n",
        ])] {
            let loaded = try ArchiveLoader(root: root).load()
            let theme = try Theme(folder: root.appendingPathComponent("theme"), language: "en")
            let builder = SiteBuilder(archive: loaded.archive, theme: theme, pageSize: 1)
            let bodies = try builder.renderBodies()
            let items = builder.renderItems()
            for page in builder.pages {
                collect(builder.context(for: page, bodies: bodies, items: items))
            }
            // What `statement-item` sees.
            for statement in loaded.archive.statements {
                collect(builder.item(statement).merging(builder.everywhere) { own, _ in own })
            }
        }
        // Words are looked up in the strings files, and section names are values too.
        let unknown = seen.subtracting(SiteBuilder.valueNames)
        #expect(unknown.isEmpty, "\(unknown.sorted())")
    }

    @Test("tags are read with their places, past comments and blocks, and not past a change of delimiters")
    func tags() {
        let tags = TemplateCheck.tags(in: "a {{! x }}\n  {{#empty(list)}}{{{ html }}}{{/empty(list)}}{{> part}}{{$block}}{{=<% %>=}}{{after}}")
        #expect(tags.map { "\($0.name)@\($0.line):\($0.column)" } == ["list@2:3", "html@2:19", "part@2:47"])
    }
}
