import CFuzzer
import Foundation

/// Runs libFuzzer on one of the checks, as the command line says (`-max_total_time=…`, a corpus
/// folder, or input files to replay), and exits with its status.
public enum Fuzzer {
    /// The check every input goes through; set once, before libFuzzer starts.
    nonisolated(unsafe) static var check: (Data) -> Void = { _ in }

    public static func run(_ check: @escaping (Data) -> Void) -> Never {
        self.check = check
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { testOneInput($0, $1) })
    }
}

/// libFuzzer calls this with each input; its own `main`, linked in with it, needs the symbol too.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    Fuzzer.check(start.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
}
