import Testing
@testable import ArchiveKit

@Suite("libcmark wrapper")
struct CommonMarkTests {
    @Test("renders paragraphs, headings and emphasis")
    func rendersBasics() throws {
        let rendering = try CommonMark.render("## A question?\n\nAn *answer*, with a [link](https://example.org).\n")
        #expect(rendering.html == "<h2>A question?</h2>\n<p>An <em>answer</em>, with a <a href=\"https://example.org\">link</a>.</p>\n")
        #expect(rendering.plainText == "A question?\nAn answer, with a link.\n")
    }

    @Test("raw HTML never reaches the page")
    func dropsRawHTML() throws {
        let markdown = """
            Before <script>alert("inline")</script> after.

            <script>alert("block")</script>

            <img src=x onerror="alert(1)">

            [click](javascript:alert(1))
            """
        let html = try CommonMark.render(markdown).html
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("javascript:"))
        #expect(html.contains("raw HTML omitted"))
        #expect(html.contains("Before"))
    }

    @Test("text that looks like HTML in a code span is escaped")
    func escapesCode() throws {
        let html = try CommonMark.render("Use `<b>` for bold & more.").html
        #expect(html == "<p>Use <code>&lt;b&gt;</code> for bold &amp; more.</p>\n")
    }

    @Test("options map to libcmark's flags")
    func options() throws {
        #expect(try CommonMark.render("\"Quoted\" -- text", options: [.smartPunctuation]).html == "<p>“Quoted” – text</p>\n")
        #expect(try CommonMark.render("one\ntwo", options: [.hardBreaks]).html == "<p>one<br />\ntwo</p>\n")
        #expect(try CommonMark.render("one\ntwo").html == "<p>one\ntwo</p>\n")
    }

    @Test("empty input renders, and control characters that HTML and XML forbid are dropped")
    func edgeCases() throws {
        #expect(try CommonMark.render("").html == "")
        #expect(try CommonMark.render("a\u{0}b\u{1}c\u{7F}d\te").html == "<p>abcd\te</p>\n")
    }
}
