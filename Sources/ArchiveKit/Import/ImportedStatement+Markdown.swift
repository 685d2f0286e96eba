import Yams

extension ImportedStatement {
    /// The statement as a Markdown file with YAML front matter, fields in the documented order.
    /// `skippingSource` leaves out the `source` block, for statements written directly.
    public func markdownFile(skippingSource: Bool = false) throws -> String {
        var fields: [(Node, Node)] = [("title", text(title))]
        if let date { fields.append(("date", Node(date.description))) }
        if let organisation { fields.append(("organisation", text(organisation))) }
        if !coSigners.isEmpty { fields.append(("co_signers", list(coSigners))) }
        if let author { fields.append(("author", text(author))) }
        if let publication { fields.append(("publication", text(publication))) }
        fields.append(("kind", Node(kind.rawValue)))
        fields.append(("language", Node(language)))
        fields.append(("demands", list(demands)))
        fields.append(("tags", list(tags)))
        if let summary { fields.append(("summary", text(summary))) }
        var sourceFields: [(Node, Node)] = []
        if let file = source.file { sourceFields.append(("file", text(file))) }
        sourceFields.append(("url", source.url.map(text) ?? Node("null", .init(.null))))
        if let captured = source.captured { sourceFields.append(("captured", text(captured))) }
        if let sha256 = source.sha256 { sourceFields.append(("sha256", text(sha256))) }
        if !skippingSource { fields.append(("source", .mapping(.init(sourceFields)))) }
        if !review.isEmpty { fields.append(("review", list(review))) }
        if !evidence.isEmpty {
            let ordered = demands.compactMap { id in evidence[id].map { (Node(id), text($0)) } }
            fields.append(("evidence", .mapping(.init(ordered))))
        }
        let yaml = try Yams.serialize(node: .mapping(.init(fields)), width: -1, allowUnicode: true)
        return "---\n" + yaml + "---\n\n" + body
    }

    private func text(_ value: String) -> Node {
        Node(value, .init(.str))
    }

    private func list(_ values: [String]) -> Node {
        .sequence(.init(values.map(text), .init(.seq), .flow))
    }
}
