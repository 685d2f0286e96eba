import Foundation
import Testing
@testable import ArchiveKit

/// Saved web pages: each source of metadata, each shape of furniture, and the Markdown written.
@Suite("Importing saved web pages")
struct PageImportTests {
    let importer = repositoryImporter

    /// A page around an article body, with the given head.
    func page(head: String, body: String, lang: String = "en") -> String {
        """
        <!doctype html><html lang="\(lang)"><head><meta charset="utf-8">\(head)</head>
        <body><header class="site-header"><a href="/">Union Site</a><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
        <main>\(body)</main><footer><p>© 2023 Union Site</p></footer></body></html>
        """
    }

    let prose = """
        <p>The federation condemns the massacre of protesters in Juliaca and stands with the people of Peru in their struggle.</p>
        <p>We demand the resignation of Boluarte and early elections, and we call on unions everywhere to join us.</p>
        """

    @Test("JSON-LD gives headline, date, author and publisher, through @graph and @id references")
    func jsonLD() throws {
        let head = """
            <title>Ignored | Union Site</title>
            <script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[
              {"@type":"Organization","@id":"#org","name":"Andean Miners' Federation"},
              {"@type":["NewsArticle"],"headline":"Miners stand with Peru &amp; its people","datePublished":"2023-01-19T22:10:00-05:00",
               "author":[{"@type":"Person","name":"Ana Ruiz"},{"@type":"Person","name":"Luis Poma"}],"publisher":{"@id":"#org"}}]}
            </script>
            """
        let statement = try importer.importPage(html: page(head: head, body: "<article>\(prose)</article>"))
        #expect(statement.title == "Miners stand with Peru & its people")
        #expect(statement.date?.description == "2023-01-19", "the date as written, not converted to UTC")
        #expect(statement.author == "Ana Ruiz and Luis Poma")
        #expect(statement.organisation == "Andean Miners' Federation")
        #expect(statement.kind == .article, "a NewsArticle is an article")
        #expect(statement.review.contains("organisation"), "an issuer with no record is named and flagged")
    }

    @Test("Open Graph and article: properties, with the site's name taken off the title")
    func openGraph() throws {
        let head = """
            <title>Solidarity with Peru – Union Site</title>
            <meta property="og:title" content="Solidarity with Peru – Union Site">
            <meta property="og:site_name" content="Union Site">
            <meta property="article:published_time" content="2023-02-03T08:00:00Z">
            <meta name="author" content="admin">
            """
        let html = page(head: head, body: "<article><h1>Solidarity with Peru</h1>\(prose)</article>")
        let statement = try importer.importPage(html: html)
        #expect(statement.title == "Solidarity with Peru")
        #expect(statement.date?.description == "2023-02-03")
        #expect(statement.author == nil, "a publishing account is not an author")
        #expect(statement.organisation == "Union Site")
        #expect(statement.demands == ["boluarte-resign", "new-elections"])
    }

    @Test("Dublin Core, <time datetime>, <html lang> and the canonical address")
    func dublinCoreAndTime() throws {
        let head = """
            <meta name="dcterms.title" content="Pronunciamiento ante la masacre">
            <meta name="dcterms.creator" content="Comisión Ejecutiva">
            <link rel="canonical" href="https://sindicato.example.pe/pronunciamiento/">
            """
        let body = """
            <article><p>Publicado el <time datetime="2023-01-10">10 de enero</time></p>
            <p>El sindicato rechaza la represión y exige la renuncia de Dina Boluarte y el <a href="/elecciones">adelanto de elecciones</a>.</p>
            <p>Llamamos a todos los trabajadores a sumarse al paro nacional del pueblo peruano.</p></article>
            """
        let statement = try importer.importPage(html: page(head: head, body: body, lang: "es-PE"))
        #expect(statement.title == "Pronunciamiento ante la masacre")
        #expect(statement.date?.description == "2023-01-10")
        #expect(statement.author == "Comisión Ejecutiva")
        #expect(statement.language == "es")
        #expect(statement.source.url == "https://sindicato.example.pe/pronunciamiento/")
        #expect(statement.body.contains("[adelanto de elecciones](https://sindicato.example.pe/elecciones)"))
        #expect(!statement.body.contains("Publicado el"), "a date line is not part of the text")
    }

    @Test("a page with no metadata: the headline from <h1>, the date from a visible date line")
    func visibleCues() throws {
        let html = """
            <html><head><title>Peru Solidarity Committee</title></head><body>
            <div id="top"><a href="/">Peru Solidarity Committee</a></div>
            <div class="menu"><a href="/">Home</a> | <a href="/about">About</a></div>
            <div class="post">
            <h1>Stop the killings in Peru</h1>
            <p class="meta">Posted on January 12, 2023 by Jane Doe</p>
            \(prose)
            </div>
            <div class="sidebar"><h3>Archives</h3><ul><li><a href="/2022">2022</a></li></ul></div>
            </body></html>
            """
        let statement = try importer.importPage(html: html)
        #expect(statement.title == "Stop the killings in Peru")
        #expect(statement.date?.description == "2023-01-12")
        #expect(statement.author == "Jane Doe")
        #expect(!statement.body.contains("Archives"))
        #expect(!statement.body.contains("Posted on"))
    }

    @Test(
        "furniture is removed wherever it stands",
        arguments: [
            #"<div id="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>"#,
            #"<div class="share-buttons"><p>Share this on social media platforms today</p></div>"#,
            #"<section id="comments" class="comments-area"><p>Great article, thanks for writing it.</p></section>"#,
            #"<div class="related-posts"><h3>Related posts</h3><p>Another story about elsewhere</p></div>"#,
            #"<aside><p>Subscribe to our newsletter for weekly updates today</p></aside>"#,
            #"<nav><p>Home About Contact Donate Our history and aims</p></nav>"#,
            #"<div hidden><p>Hidden text that a browser never shows anyone</p></div>"#,
            #"<p><a href="/a">Read more stories from our archive and beyond</a></p>"#,
        ])
    func furniture(markup: String) throws {
        let statement = try importer.importPage(
            html: page(head: "<title>A statement</title>", body: "<article>\(prose)\(markup)</article>"))
        let words = markup.replacingOccurrences(of: #"<[^>]+>"#, with: " ", options: .regularExpression)
            .split(separator: " ").suffix(3).joined(separator: " ")
        #expect(!statement.body.contains(words))
        #expect(statement.body.contains("The federation condemns the massacre"))
    }

    @Test("headings, lists, quotes, emphasis and links become Markdown; relative links become absolute")
    func markdown() throws {
        let body = """
            <article><p>The <strong>federation</strong> calls for <em>justice</em> and <a href="../docs/call.pdf">reads its call</a>.</p>
            <h2>Our demands</h2>
            <ol><li>Release of Pedro Castillo</li><li>New elections<ul><li>this year</li></ul></li></ol>
            <blockquote><p>No to repression.</p></blockquote>
            <p>Text with *stars* and [brackets] that are not Markdown.</p></article>
            """
        let statement = try importer.importPage(
            html: page(head: "<title>Call</title>", body: body), address: URL(string: "https://union.example.org/news/call/"))
        #expect(statement.body.contains("The **federation** calls for *justice* and [reads its call](https://union.example.org/news/docs/call.pdf)."))
        #expect(statement.body.contains("## Our demands\n\n1. Release of Pedro Castillo\n2. New elections\n   - this year"))
        #expect(statement.body.contains("> No to repression."))
        #expect(statement.body.contains(#"Text with \*stars\* and \[brackets\]"#))
        let html = try CommonMark.render(statement.body).html
        #expect(html.contains("<ol>") && html.contains("<blockquote>") && html.contains("<h2>Our demands</h2>"))
        #expect(!html.contains("<em>stars</em>"))
    }

    @Test("malformed markup is repaired as a browser would, never refused")
    func malformed() throws {
        let html = "<title>Broken</title><p>The union <b>demands <i>new elections</b> now</i><p>And a constituent assembly, we demand.<table><td>cell"
        let statement = try importer.importPage(html: html)
        #expect(statement.body.contains("new elections"))
        #expect(statement.demands.contains("new-elections"))
    }

    @Test("a saved page is told from text by its name or its first bytes")
    func detection() {
        #expect(StatementImporter.looksLikeHTML(Data("<!DOCTYPE html><html>".utf8)))
        #expect(StatementImporter.looksLikeHTML(Data("  <html lang=en><head>".utf8)))
        #expect(!StatementImporter.looksLikeHTML(Data("Hands off Peru!\n\nThe CPUSA condemns…".utf8)))
        let windows = Data([0x3C, 0x70, 0x3E, 0x50, 0x65, 0x72, 0xFA, 0x3C, 0x2F, 0x70, 0x3E])
        #expect(StatementImporter.decodePage(windows) == "<p>Perú</p>")
    }
}
