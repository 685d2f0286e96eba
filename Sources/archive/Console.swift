import Foundation

enum Console {
    /// Writes lines to standard error.
    static func printErrors(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
