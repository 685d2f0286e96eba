/// What sort of text a statement is.
public enum StatementKind: String, Sendable, CaseIterable, Codable {
    case statement
    case interview
    case article
    case openLetter = "open-letter"
    case jointStatement = "joint-statement"
}
