import FuzzSupport

@main
struct FuzzPageImport {
    static func main() {
        Fuzzer.run(Checks.pageImport)
    }
}
