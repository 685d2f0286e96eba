import Ccmark
import Foundation

/// Renders CommonMark with libcmark, the reference implementation.
///
/// This is the only file that talks to libcmark. Raw HTML in the input never reaches the output:
/// libcmark's unsafe mode is not exposed, so HTML blocks and inline HTML are replaced by a comment
/// and `javascript:`, `vbscript:`, `file:` and most `data:` links are emptied.
public enum CommonMark {
    /// Parser and renderer options, each one of libcmark's `CMARK_OPT_…` flags.
    public struct Options: OptionSet, Sendable {
        public let rawValue: Int32

        public init(rawValue: Int32) {
            self.rawValue = rawValue
        }

        /// Adds a `data-sourcepos` attribute to every block element.
        public static let sourcePosition = Options(rawValue: CMARK_OPT_SOURCEPOS)
        /// Renders soft line breaks as hard line breaks (`<br />`).
        public static let hardBreaks = Options(rawValue: CMARK_OPT_HARDBREAKS)
        /// Renders soft line breaks as spaces.
        public static let noBreaks = Options(rawValue: CMARK_OPT_NOBREAKS)
        /// Replaces invalid UTF-8 sequences with U+FFFD instead of passing them through.
        public static let validateUTF8 = Options(rawValue: CMARK_OPT_VALIDATE_UTF8)
        /// Turns straight quotes into curly quotes, `--` into en dashes and `---` into em dashes.
        public static let smartPunctuation = Options(rawValue: CMARK_OPT_SMART)

        /// What statements are rendered with: UTF-8 validated, punctuation left as the author typed it.
        public static let `default`: Options = [.validateUTF8]
    }

    /// A statement body as the site needs it.
    public struct Rendering: Sendable, Equatable {
        /// The body as an HTML fragment.
        public var html: String
        /// The words of the body without markup, blocks separated by newlines; for search and excerpts.
        public var plainText: String
    }

    /// What went wrong inside libcmark.
    public enum Failure: Error, Equatable {
        /// libcmark could not allocate a parser.
        case parserUnavailable
        /// libcmark returned no document for the input.
        case noDocument
        /// libcmark could not render the document.
        case renderFailed
    }

    /// Renders Markdown to HTML, and to plain text for indexing; to plain text alone, with an
    /// empty `html`, when `html` is false.
    public static func render(_ markdown: String, options: Options = .default, html: Bool = true) throws -> Rendering {
        guard let parser = cmark_parser_new(options.rawValue) else { throw Failure.parserUnavailable }
        defer { cmark_parser_free(parser) }
        var source = markdown.withoutControlCharacters
        source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        guard let document = cmark_parser_finish(parser) else { throw Failure.noDocument }
        defer { cmark_node_free(document) }
        guard html else { return Rendering(html: "", plainText: try plainText(of: document)) }
        guard let rendered = cmark_render_html(document, options.rawValue) else { throw Failure.renderFailed }
        defer { free(rendered) }
        return Rendering(html: String(cString: rendered), plainText: try plainText(of: document))
    }

    private static func plainText(of document: OpaquePointer) throws -> String {
        guard let iterator = cmark_iter_new(document) else { throw Failure.renderFailed }
        defer { cmark_iter_free(iterator) }
        // Gathered as bytes: a string made of each node's text would be checked and copied twice.
        var text: [UInt8] = []
        func append(_ literal: UnsafePointer<CChar>?) {
            guard let literal else { return }
            literal.withMemoryRebound(to: UInt8.self, capacity: 1) {
                text.append(contentsOf: UnsafeBufferPointer(start: $0, count: strlen(literal)))
            }
        }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            switch (event, type) {
            case (CMARK_EVENT_ENTER, CMARK_NODE_TEXT), (CMARK_EVENT_ENTER, CMARK_NODE_CODE):
                append(cmark_node_get_literal(node))
            case (CMARK_EVENT_ENTER, CMARK_NODE_CODE_BLOCK):
                if let literal = cmark_node_get_literal(node) {
                    append(literal)
                    text.append(0x0A)
                }
            case (CMARK_EVENT_ENTER, CMARK_NODE_SOFTBREAK), (CMARK_EVENT_ENTER, CMARK_NODE_LINEBREAK):
                text.append(0x20)
            case (CMARK_EVENT_EXIT, CMARK_NODE_PARAGRAPH), (CMARK_EVENT_EXIT, CMARK_NODE_HEADING):
                text.append(0x0A)
            default:
                break
            }
        }
        return String(decoding: text, as: UTF8.self)
    }
}
