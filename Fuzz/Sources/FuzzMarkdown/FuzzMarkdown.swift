import CFuzzer
import Foundation
import FuzzSupport

/// libFuzzer calls this with each input.
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    Checks.markdown(start.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
}

@main
struct FuzzMarkdown {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { test($0, $1) })
    }
}
