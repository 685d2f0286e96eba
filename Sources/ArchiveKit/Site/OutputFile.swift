import Foundation

/// One file of the built site, held in memory until the whole site is ready to be written.
public struct OutputFile: Sendable, Hashable {
    /// The path inside the output folder, with `/` separators: `statements/x/index.html`.
    public var path: String
    /// The bytes to write.
    public var contents: Data

    /// Makes a file from bytes.
    public init(path: String, contents: Data) {
        self.path = path
        self.contents = contents
    }

    /// Makes a file from text, encoded as UTF-8.
    public init(path: String, text: String) {
        self.init(path: path, contents: Data(text.utf8))
    }
}
