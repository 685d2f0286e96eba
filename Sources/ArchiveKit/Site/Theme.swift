import Foundation
import Mustache
import Yams

/// The templates, static assets and interface words that give the site its look.
///
/// A theme is a folder a user can edit without a Swift toolchain:
/// `templates/*.mustache` (page templates inheriting from `base`), `assets/` (copied to the site as they are),
/// and `i18n/<language>.yml` (the words the templates print, and how dates read).
public struct Theme: Sendable {
    /// The templates, by name (file name without `.mustache`).
    public let templates: MustacheLibrary
    /// Files copied to `assets/` in the site.
    public let assets: [OutputFile]
    /// The interface words in the site's language.
    public let strings: Strings
    /// For each template, a digest of its text and of every template it includes or inherits
    /// from: pages rendered with a template whose key is unchanged need not be rendered again.
    let templateKeys: [String: String]
    /// What the theme's check found that does not stop a build: templates naming values no page has.
    public let warnings: [ContentError]
    /// Each template's text as registered, the words in place, by name.
    private let registered: [String: String]

    /// Templates every theme must have.
    public static let requiredTemplates = [
        "base", "home", "statement", "statements", "organisations", "organisation", "demands", "demand", "tags",
        "tag", "search",
    ]

    /// Loads the theme in `folder`, with the words for `language` (falling back to English).
    ///
    /// Throws `ContentErrors` naming every broken or missing template.
    public init(folder: URL, language: String, displayRoot: URL? = nil) throws {
        let shown = { (url: URL) in url.path(relativeTo: displayRoot) }
        var errors: [ContentError] = []
        HTMLEscaping.registered
        var strings = Strings()
        do {
            strings = try Strings(folder: folder.appendingPathComponent("i18n"), language: language, displayRoot: displayRoot)
        } catch {
            errors.append(error as? ContentError ?? ContentError(file: "theme/i18n", reason: .invalidYAML("\(error)")))
        }
        var library = MustacheLibrary()
        var broken: Set<String> = []
        var sources: [String: String] = [:]
        var registered: [String: String] = [:]
        var files: [String: String] = [:]
        let templateFolder = folder.appendingPathComponent("templates")
        for relative in Self.files(in: templateFolder) where relative.hasSuffix(".mustache") {
            let url = templateFolder.appendingPathComponent(relative)
            let name = String(relative.dropLast(".mustache".count))
            broken.insert(name)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                errors.append(ContentError(file: shown(url), reason: .notUTF8))
                continue
            }
            sources[name] = text
            files[name] = shown(url)
            do {
                // The pragma selects the faster escaping; it renders nothing and shares the first line.
                // Errors are found in the text as written; the words are then put in place.
                var template = try MustacheTemplate(string: HTMLEscaping.pragma + text)
                registered[name] = text
                let worded = Self.inliningWords(text, strings)
                if worded != text, let inlined = try? MustacheTemplate(string: HTMLEscaping.pragma + worded) {
                    template = inlined
                    registered[name] = worded
                }
                library.register(template, named: name)
                broken.remove(name)
            } catch let error as MustacheTemplate.ParserError {
                errors.append(
                    ContentError(
                        file: shown(url), line: error.context.lineNumber,
                        column: error.context.columnNumber
                            - (error.context.lineNumber == 1 ? HTMLEscaping.pragma.count : 0),
                        reason: .invalidTemplate("\(error.error)")))
            } catch {
                errors.append(ContentError(file: shown(url), reason: .invalidTemplate("\(error)")))
            }
        }
        for name in Self.requiredTemplates where library.getTemplate(named: name) == nil && !broken.contains(name) {
            errors.append(
                ContentError(file: shown(templateFolder.appendingPathComponent("\(name).mustache")), reason: .missingTemplate(name)))
        }
        let assetFolder = folder.appendingPathComponent("assets")
        assets = Self.files(in: assetFolder).compactMap { relative in
            guard let data = FileManager.default.contents(atPath: assetFolder.appendingPathComponent(relative).path)
            else { return nil }
            return OutputFile(path: "assets/" + relative, contents: data)
        }
        var warnings: [ContentError] = []
        if errors.isEmpty {
            let check = TemplateCheck(
                sources: sources, files: files, strings: strings,
                stringsFile: shown(folder.appendingPathComponent("i18n/en.yml")))
            for problem in check.problems() {
                if problem.severity == .error { errors.append(problem) } else { warnings.append(problem) }
            }
        }
        guard errors.isEmpty else { throw ContentErrors(errors) }
        self.warnings = warnings.sorted()
        self.templates = library
        self.registered = registered
        self.strings = strings
        self.templateKeys = Self.keys(of: sources)
    }

    /// Each template's key: the digest of the texts of the templates it reaches through partials
    /// (`{{> name}}`) and parents (`{{< name}}`). A template that changes its delimiters or names a
    /// partial dynamically could reach any other, so it depends on all of them.
    static func keys(of sources: [String: String]) -> [String: String] {
        let reference = /\{\{\s*[<>]\s*([^\s}]+)\s*\}\}/
        let all = Set(sources.keys)
        let references = sources.mapValues { text -> Set<String> in
            if text.contains("{{=") || text.contains(/\{\{\s*[<>]\s*\*/) { return all }
            return Set(text.matches(of: reference).map { String($0.output.1) })
        }
        return Dictionary(uniqueKeysWithValues: sources.keys.map { name in
            var reached: Set<String> = [name]
            var pending = [name]
            while let next = pending.popLast() {
                for other in references[next] ?? [] where reached.insert(other).inserted {
                    pending.append(other)
                }
            }
            let parts = reached.sorted().flatMap { [$0, sources[$0] ?? ""] }
            return (name, BuildCache.digest(parts))
        })
    }

    /// The template's text with each `{{t.key}}`, `{{{t.key}}}` and `{{&t.key}}` replaced by the
    /// word it prints, escaped as Mustache would escape it: the words are the same on every page,
    /// and a name looked up on each page climbs the stack of contexts and is cast at every level,
    /// the largest cost of rendering. A word that holds `{{` or `}}` is left to be looked up, and
    /// so is every word of a template that changes its delimiters.
    static func inliningWords(_ text: String, _ strings: Strings) -> String {
        guard text.contains("{{t."), !text.contains("{{=") else { return text }
        return replacingTags(/\{\{(\{|&)?\s*t\.([A-Za-z0-9_.\-]+)\s*(\})?\}\}/, in: text) { key in
            strings.values[key].flatMap { $0.contains("{{") || $0.contains("}}") ? nil : $0 }
        }
    }

    /// The templates with every `{{root}}` replaced by `root`, for the pages at one depth, and
    /// every `{{site.name}}` by the value `site` gives for the name: a page's root and the site's
    /// values are the same in every template it reaches, and looked up they climb the stack of
    /// contexts from the innermost section (only the page's own context has them). A value that
    /// holds `{{` or `}}` is left to be looked up. `nil` when a template changes its delimiters, or
    /// no template names `root` or a value of `site`.
    func templates(root: String, site: [String: String] = [:]) -> MustacheLibrary? {
        let tag = /\{\{(\{|&)?\s*(root|site\.[A-Za-z0-9_]+)\s*(\})?\}\}/
        let value = { (name: String) -> String? in
            guard name != "root" else { return root }
            return site[String(name.dropFirst("site.".count))].flatMap { $0.contains("{{") || $0.contains("}}") ? nil : $0 }
        }
        guard registered.values.contains(where: { text in text.matches(of: tag).contains { value(String($0.output.2)) != nil } }),
            !registered.values.contains(where: { $0.contains("{{=") })
        else { return nil }
        var library = MustacheLibrary()
        for (name, text) in registered {
            let rooted = Self.replacingTags(tag, in: text, value: value)
            guard let template = try? MustacheTemplate(string: HTMLEscaping.pragma + rooted) else { return nil }
            library.register(template, named: name)
        }
        return library
    }

    /// `text` with each variable tag `tag` matches (its captures: the opening `{` or `&`, the
    /// name, the closing `}`) replaced by the value `value` gives for the name, escaped as Mustache
    /// would unless the tag is triple or `&`; a tag whose braces do not pair, or whose name has no
    /// value, is left as it is.
    private static func replacingTags(
        _ tag: Regex<(Substring, Substring?, Substring, Substring?)>, in text: String,
        value: (String) -> String?
    ) -> String {
        text.replacing(tag) { match -> String in
            let (whole, opening, name, closing) = match.output
            let raw = opening == "{"
            guard raw == (closing != nil), let value = value(String(name)) else { return String(whole) }
            return raw || opening == "&" ? value : HTMLEscaping.escape(value)
        }
    }

    /// Every regular, visible file below `folder`, relative to it, sorted.
    static func files(in folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var files: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let full = folder.appendingPathComponent(path).path
            guard !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }),
                FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            files.append(path)
        }
        return files.sorted()
    }
}

extension URL {
    /// The path relative to `base` when it lies inside it, else the full path.
    func path(relativeTo base: URL?) -> String {
        guard let base else { return path }
        let prefix = base.standardizedFileURL.path.hasSuffix("/") ? base.standardizedFileURL.path : base.standardizedFileURL.path + "/"
        let full = standardizedFileURL.path
        return full.hasPrefix(prefix) ? String(full.dropFirst(prefix.count)) : full
    }
}
