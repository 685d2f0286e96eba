import Cgumbo
import Foundation

/// An HTML page parsed by Gumbo, the HTML5 parsing algorithm as browsers run it, into a tree of
/// Swift values. This is the only file that touches the C library.
public struct HTMLDocument: Sendable {
    /// The `<html>` element, with the `<head>` and `<body>` the parser always makes.
    public let root: HTMLElement

    /// Parses UTF-8 text. Gumbo accepts any input, as browsers do: malformed markup is repaired, never
    /// refused.
    public init(parsing text: String) {
        var bytes = Array(text.utf8)
        bytes.append(0)
        let root = bytes.withUnsafeBufferPointer { buffer -> HTMLElement in
            let output = buffer.withMemoryRebound(to: CChar.self) { chars in
                withUnsafePointer(to: kGumboDefaultOptions) { options in
                    gumbo_parse_with_options(options, chars.baseAddress, chars.count - 1)
                }
            }
            guard let output else { return HTMLElement(name: "html", attributes: [:], children: []) }
            defer { withUnsafePointer(to: kGumboDefaultOptions) { gumbo_destroy_output($0, output) } }
            if case .element(let element)? = Self.convert(output.pointee.root) { return element }
            return HTMLElement(name: "html", attributes: [:], children: [])
        }
        self.root = root
    }

    /// The `<head>` element.
    public var head: HTMLElement? { root.children.lazy.compactMap(\.element).first { $0.name == "head" } }

    /// The `<body>` element.
    public var body: HTMLElement? { root.children.lazy.compactMap(\.element).first { $0.name == "body" } }

    // MARK: - Conversion

    private static func convert(_ node: UnsafeMutablePointer<GumboNode>?) -> HTMLNode? {
        guard let node else { return nil }
        switch node.pointee.type {
        case GUMBO_NODE_ELEMENT, GUMBO_NODE_TEMPLATE:
            let element = node.pointee.v.element
            return .element(
                HTMLElement(
                    name: tagName(element),
                    attributes: attributes(element.attributes),
                    children: children(element.children)))
        case GUMBO_NODE_TEXT, GUMBO_NODE_CDATA, GUMBO_NODE_WHITESPACE:
            return node.pointee.v.text.text.map { .text(String(cString: $0).withoutControlCharacters) }
        default:
            return nil
        }
    }

    private static func tagName(_ element: GumboElement) -> String {
        if element.tag != GUMBO_TAG_UNKNOWN, let name = gumbo_normalized_tagname(element.tag) {
            return String(cString: name)
        }
        // Unknown tags ("<my-widget>") keep their name from the source text.
        var piece = element.original_tag
        gumbo_tag_from_original_text(&piece)
        guard let data = piece.data, piece.length > 0 else { return "" }
        let bytes = UnsafeRawBufferPointer(start: data, count: piece.length)
        return String(decoding: bytes, as: UTF8.self).lowercased()
    }

    private static func attributes(_ vector: GumboVector) -> [String: String] {
        var attributes: [String: String] = [:]
        for index in 0..<Int(vector.length) {
            guard let raw = vector.data[index] else { continue }
            let attribute = raw.assumingMemoryBound(to: GumboAttribute.self).pointee
            guard let name = attribute.name, let value = attribute.value else { continue }
            attributes[String(cString: name).lowercased()] = String(cString: value).withoutControlCharacters
        }
        return attributes
    }

    private static func children(_ vector: GumboVector) -> [HTMLNode] {
        (0..<Int(vector.length)).compactMap { index in
            vector.data[index].flatMap { convert($0.assumingMemoryBound(to: GumboNode.self)) }
        }
    }
}

/// A node of a parsed page: an element or a run of text (comments are dropped).
public enum HTMLNode: Sendable {
    case element(HTMLElement)
    case text(String)

    /// The element, when this is one.
    public var element: HTMLElement? {
        if case .element(let element) = self { return element }
        return nil
    }
}

/// An element with its lower-case name, attributes and children.
public final class HTMLElement: Sendable {
    /// The tag name, lower case: `p`, `article`, `my-widget`.
    public let name: String
    /// Attributes by lower-case name.
    public let attributes: [String: String]
    /// Child elements and text, in document order.
    public let children: [HTMLNode]

    /// An element.
    public init(name: String, attributes: [String: String], children: [HTMLNode]) {
        self.name = name
        self.attributes = attributes
        self.children = children
    }

    /// An attribute's value.
    public subscript(attribute: String) -> String? { attributes[attribute] }

    /// The element's class names.
    public var classes: [Substring] { (attributes["class"] ?? "").split(whereSeparator: \.isWhitespace) }

    /// Child elements only.
    public var elements: [HTMLElement] { children.compactMap(\.element) }

    /// Every element below this one, depth first, in document order.
    public func descendants(where include: (HTMLElement) -> Bool = { _ in true }) -> [HTMLElement] {
        var found: [HTMLElement] = []
        func visit(_ element: HTMLElement) {
            for child in element.elements {
                if include(child) { found.append(child) }
                visit(child)
            }
        }
        visit(self)
        return found
    }

    /// The first element below this one with the given name.
    public func first(_ name: String) -> HTMLElement? {
        for child in elements {
            if child.name == name { return child }
            if let found = child.first(name) { return found }
        }
        return nil
    }

    /// The text of every text node below this one, as it stands in the source (white space kept);
    /// scripts, styles and templates are not text.
    public var text: String {
        var result = ""
        func collect(_ element: HTMLElement) {
            for child in element.children {
                switch child {
                case .text(let text): result += text
                case .element(let element) where !Self.nonText.contains(element.name): collect(element)
                case .element: break
                }
            }
        }
        collect(self)
        return result
    }

    /// Elements whose text nodes are code or data, not prose.
    static let nonText: Set<String> = ["script", "style", "template", "noscript"]

    /// The text with runs of white space folded into one space and trimmed.
    public var normalizedText: String { text.collapsingWhitespace }
}

extension String {
    /// Runs of white space folded into one space, trimmed at both ends.
    var collapsingWhitespace: String {
        split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
