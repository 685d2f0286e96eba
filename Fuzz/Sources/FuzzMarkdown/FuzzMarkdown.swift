import FuzzSupport

@main
struct FuzzMarkdown {
    static func main() {
        Fuzzer.run(Checks.markdown)
    }
}
