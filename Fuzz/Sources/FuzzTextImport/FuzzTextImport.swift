import FuzzSupport

@main
struct FuzzTextImport {
    static func main() {
        Fuzzer.run(Checks.textImport)
    }
}
